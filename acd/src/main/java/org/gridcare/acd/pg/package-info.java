/** ACD records in PostgreSQL (operator state history, callbacks) with the Vert.x reactive client. */
package org.gridcare.acd.pg;
