package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.gridcare.notifications.domain.ProviderError;

/** The SMS provider. Futures complete on the caller's context; sending itself happens off the event loop. */
public interface SmsGateway {

  /** What the provider said about one message. */
  sealed interface Result {
    record Accepted(String sid) implements Result {}

    record Refused(ProviderError error) implements Result {}
  }

  /** Sends one message; {@code statusCallback} is where the provider reports delivery. */
  Future<Result> send(String to, String body, String statusCallback);

  /**
   * The provider's id of a message with this text sent to {@code to} since {@code since}, if there is one: how a
   * send interrupted by a crash is found out to have gone through or not.
   */
  Future<Optional<String>> findSent(String to, String body, Instant since);
}
