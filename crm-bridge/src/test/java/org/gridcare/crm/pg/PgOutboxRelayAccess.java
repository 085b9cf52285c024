package org.gridcare.crm.pg;

import java.time.Duration;

/** Test access to the relay's backoff rule. */
public final class PgOutboxRelayAccess {
  private PgOutboxRelayAccess() {}

  public static Duration backoff(Duration initial, Duration max, int attempts) {
    return PgOutboxRelay.backoff(initial, max, attempts);
  }
}
