package org.gridcare.privacy.app;

import io.vertx.core.Future;

/** The notifications' opt-out register (port): an objected number gets no SMS or automated call. */
public interface SmsObjections {
  Future<Void> object(String e164, String source);
}
