/**
 * CRM use cases over ports: customer search and the 360 card, screen pop, tickets, call history, readings, and the
 * ports other modules use (IVR look-ups, outage audiences, reading intake). Vert.x {@code Future}s, no I/O here.
 */
package org.gridcare.crm.app;
