package org.gridcare.desktop.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridcare.desktop.domain.DeskCall;

/**
 * The operators' call history (port). One row per call and operator; a call's number and customer are what the
 * journal's {@code desktop.call.offered} / {@code desktop.call.dialled} entry says (written by the desktop first).
 */
public interface CallLog {

  /** Adds the call (outcome {@code offered}, or {@code talking} for an answered outbound call); a repeat is ignored. */
  Future<Void> started(DeskCall call);

  Future<Void> answered(String callId, String operatorId, Instant at);

  /** Ends the call: {@code answered} when it was, else {@code notAnswered} (missed, unanswered). */
  Future<Void> ended(String callId, String operatorId, Instant at, String notAnswered);

  Future<List<DeskCall>> recent(String operatorId, int limit);

  Future<Optional<DeskCall>> byId(long id);

  /** The operator's row of a call they were offered or dialled. */
  Future<Optional<DeskCall>> byCall(String callId, String operatorId);
}
