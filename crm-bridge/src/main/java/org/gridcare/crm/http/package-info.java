/** The CRM's HTTP handlers for the operations of {@code openapi/crm.yaml}. Depends on the crm app layer. */
package org.gridcare.crm.http;
