/** The external CRM connector over HTTP: signed webhook deliveries (Vert.x WebClient). Depends on the crm app ports. */
package org.gridcare.crm.webhook;
