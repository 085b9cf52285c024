package org.gridcare.ivr.domain;

import java.time.Duration;

/** Field checks shared by input nodes. */
final class Checks {
  private Checks() {}

  static void retries(NodeChecks c, Integer tries, Duration timeout) {
    if (tries != null) {
      c.check(tries >= 1 && tries <= 10, "tries", "must be between 1 and 10, got " + tries);
    }
    if (timeout != null) {
      c.check(!timeout.isNegative() && !timeout.isZero() && timeout.compareTo(Duration.ofMinutes(1)) <= 0,
          "timeout", "must be more than 0s and at most 1m, got " + timeout);
    }
  }
}
