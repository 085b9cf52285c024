package org.gridcare.acd.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** Callback requests (the place in the queue stays in {@link AcdState}; these are the number and the outcome). */
public interface Callbacks {
  Future<Void> create(Callback callback);

  Future<Optional<Callback>> find(String callId);

  /** An operator answered and the customer is being dialled: one more attempt. */
  Future<Void> dialling(String callId, String operatorId, Instant at);

  Future<Void> update(String callId, Callback.Status status, Instant at);
}
