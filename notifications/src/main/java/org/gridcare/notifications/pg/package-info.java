/**
 * PostgreSQL adapters (Vert.x reactive client): outages and campaigns, the SMS outbox, the voice call list and
 * opt-outs. Each state change is one transaction together with its journal entry.
 */
package org.gridcare.notifications.pg;
