package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Imports a customer, grid-area or metering-point file all or nothing (port; the PostgreSQL adapter does it in one transaction). Rows that fail
 * validation, or clash with customers already registered, are reported by line number and nothing is imported.
 */
public interface CustomerImport {

  /** {@code progress} receives the number of rows stored so far (for a progress bar). */
  Future<Report> importCustomers(CustomerCsv.Parsed parsed, IntConsumer progress);

  /** Grid areas: new codes are added, known ones renamed. */
  Future<Report> importAreas(GridCsv.Parsed<GridCsv.Area> parsed, IntConsumer progress);

  /** Metering points of registered customers; an unknown customer or a registered GSRN rejects the file. */
  Future<Report> importMeteringPoints(GridCsv.Parsed<GridCsv.Point> parsed, IntConsumer progress);

  record Report(int imported, List<CustomerCsv.RowError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }
}
