/** The reports port the HTTP adapter and the benchmarks use. */
package org.gridcare.reports.app;
