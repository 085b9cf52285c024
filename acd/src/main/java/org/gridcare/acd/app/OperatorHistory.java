package org.gridcare.acd.app;

import io.vertx.core.Future;
import org.gridcare.acd.domain.StateChange;

/** Every operator state change, stored for reports (and journalled as {@code acd.operator.state-changed}). */
public interface OperatorHistory {
  Future<Void> record(StateChange change);
}
