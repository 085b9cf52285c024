/** Reports computed by PostgreSQL from the journal, one SQL query per report. */
package org.gridcare.reports.pg;
