/** PostgreSQL adapters of the desktop's ports: the call log, the journal's facts about a call, the knowledge base. */
package org.gridcare.desktop.pg;
