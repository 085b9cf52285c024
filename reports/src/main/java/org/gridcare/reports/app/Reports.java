package org.gridcare.reports.app;

import io.vertx.core.Future;
import org.gridcare.reports.domain.ReportQuery;
import org.gridcare.reports.domain.ReportTable;

/** Computes a report from the stored facts. */
public interface Reports {
  Future<ReportTable> run(ReportQuery query);
}
