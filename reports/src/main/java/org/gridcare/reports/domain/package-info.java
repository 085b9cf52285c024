/** Reports as pure values: which reports exist, the query (range, interval, lines) and the computed table with its CSV form. */
package org.gridcare.reports.domain;
