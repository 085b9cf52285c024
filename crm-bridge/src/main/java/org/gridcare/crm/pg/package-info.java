/**
 * PostgreSQL adapters of the CRM ports (Vert.x reactive client): customers, tickets with their history and
 * outbox, interactions, readings, applications, the outbox relay and the sample data loader.
 */
package org.gridcare.crm.pg;
