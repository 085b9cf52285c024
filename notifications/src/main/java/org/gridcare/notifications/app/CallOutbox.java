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
   * Records how an attempt that was not answered ended (busy, no answer, failed). With {@code retryAt} the call goes
   * back to the list for then; without, it is FAILED.
   */
  Future<Void> outcome(OutboxCall call, CallOutcome outcome, Instant retryAt);

  /**
   * The message was played ({@code times} times, to a person or a machine): the call is DONE with outcome ANSWERED or
   * MACHINE, even if a late report finds it already back on the list.
   */
  Future<Void> played(OutboxCall call, int times, boolean machine);

  /**
   * The channel of an answered attempt is gone. Its outcome is what {@link #played} recorded, or
   * {@link CallOutcome#HUNG_UP_BEFORE_MESSAGE} (back on the list for {@code retryAt} when given, FAILED without);
   * journalled as {@code notify.voice.completed}. Returns the outcome.
   */
  Future<CallOutcome> answeredCallEnded(OutboxCall call, Instant retryAt);
}
