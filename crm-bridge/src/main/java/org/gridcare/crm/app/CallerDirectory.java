package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.Gsrn;

/** How the IVR recognises a caller (by ANI, customer number or GSRN typed on the keypad). */
public interface CallerDirectory {
  /** {@code rawNumber} as the PBX saw it; an unusable number finds nobody. */
  Future<List<Customer>> byPhone(String rawNumber);

  Future<Optional<Customer>> byNumber(String customerNumber);

  Future<Optional<Customer>> byGsrn(Gsrn gsrn);
}
