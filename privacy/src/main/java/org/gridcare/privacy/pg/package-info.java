/**
 * PostgreSQL adapter of {@link org.gridcare.privacy.app.PersonalData}: plain SQL on the tables of the modules that
 * store personal data (journal, CRM, ACD, recordings catalogue, notifications, audit); see docs/ARCHITECTURE.md.
 */
package org.gridcare.privacy.pg;
