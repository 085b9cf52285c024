/** The CRM bridge module: {@link org.gridcare.crm.CrmModule} wires its domain, app services and adapters. */
package org.gridcare.crm;
