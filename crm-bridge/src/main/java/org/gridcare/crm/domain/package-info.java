/**
 * The CRM's pure model: customers and their identities, phones, addresses with grid location, metering points,
 * tickets and their workflow, grid-connection applications, meter readings and interactions. java.* and the
 * platform domain only.
 */
package org.gridcare.crm.domain;
