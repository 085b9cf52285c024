package org.gridcare.notifications.app;

import io.vertx.core.Future;

/** The provider's send rate, shared by every server instance. */
@FunctionalInterface
public interface RateLimiter {
  /** Completes when one more message may be sent now. */
  Future<Void> acquire();
}
