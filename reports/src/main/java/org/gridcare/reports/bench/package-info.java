/** The report query benchmark: a year of journal rows loaded with COPY, then every report timed. */
package org.gridcare.reports.bench;
