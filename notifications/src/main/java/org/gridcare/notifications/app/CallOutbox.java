package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridcare.notifications.domain.CallOutcome;

/** The voice call list in PostgreSQL; each outcome is stored with its journal entry. */
public interface CallOutbox {

  /** Claims up to {@code max} due calls (state CALLING, attempts + 1). Expired leases (a dead dialler) are due again. */
  Future<List<OutboxCall>> claim(int max, Duration lease);

  Future<Optional<OutboxCall>> find(long id);

  /**
   * Records how an attempt ended. With {@code retryAt} the call goes back to the list for then; without, it is DONE
   * (answered, machine) or FAILED.
   */
  Future<Void> outcome(OutboxCall call, CallOutcome outcome, Instant retryAt);

  /** The message was played ({@code times} times, to a person or a machine). */
  Future<Void> played(OutboxCall call, int times, boolean machine);
}
