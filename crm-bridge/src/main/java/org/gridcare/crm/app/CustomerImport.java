package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Imports a customer file all or nothing (port; the PostgreSQL adapter does it in one transaction). Rows that fail
 * validation, or clash with customers already registered, are reported by line number and nothing is imported.
 */
public interface CustomerImport {

  /** {@code progress} receives the number of rows stored so far (for a progress bar). */
  Future<Report> importCustomers(CustomerCsv.Parsed parsed, IntConsumer progress);

  record Report(int imported, List<CustomerCsv.RowError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }
}
