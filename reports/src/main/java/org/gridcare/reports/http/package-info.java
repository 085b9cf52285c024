/** The reports API: JSON and CSV, scoped by the user's lines. */
package org.gridcare.reports.http;
