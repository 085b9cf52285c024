package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.gridcare.ivr.domain.CustomerSummary;

/** Finds the customer behind a call (implemented by the CRM bridge). */
public interface CustomerLookup {

  /** Customers registered with this E.164 number: none, one, or several (a shared household phone). */
  Future<List<CustomerSummary>> byPhone(String e164);

  Future<Optional<CustomerSummary>> byCustomerNumber(String customerNumber);

  /** The end user of the metering point (the GSRN's check digit is already validated). */
  Future<Optional<CustomerSummary>> byGsrn(String gsrn);
}
