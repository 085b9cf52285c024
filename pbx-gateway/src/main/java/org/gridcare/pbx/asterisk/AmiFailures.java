package org.gridcare.pbx.asterisk;

import java.util.Locale;
import java.util.Map;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;

/** Translates Asterisk-Java outcomes into the port's error ids at the adapter boundary. */
final class AmiFailures {
  private AmiFailures() {}

  static DomainException unavailable(String action, Throwable cause) {
    String why = cause == null || cause.getMessage() == null ? "not connected" : cause.getMessage();
    return DomainException.unavailable("pbx-unavailable", "PBX unavailable for " + action + ": " + why, cause);
  }

  static DomainException timeout(String action) {
    return new DomainException(ErrorKind.TIMEOUT, "pbx-timeout", "PBX did not answer " + action + " in time");
  }

  static DomainException noSuchChannel(String channel) {
    return DomainException.notFound("no-such-channel", "No such channel: " + channel);
  }

  /** {@code Response: Error}: a missing channel is {@code no-such-channel}, anything else {@code pbx-rejected}. */
  static DomainException rejected(String action, ManagerResponse error) {
    String message = error.getMessage() == null ? "" : error.getMessage();
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("no such channel") || lower.contains("channel does not exist")) {
      return DomainException.notFound("no-such-channel", action + ": " + message);
    }
    return new DomainException(ErrorKind.CONFLICT, "pbx-rejected", action + " rejected by the PBX: " + message,
        Map.of("action", action, "message", message));
  }

  /** Returns the response when it is a success, or throws the mapped failure. */
  static <R extends ManagerResponse> R check(String action, R response) {
    if (response == null) {
      throw unavailable(action, null);
    }
    if (response instanceof ManagerError || "Error".equalsIgnoreCase(response.getResponse())) {
      throw rejected(action, response);
    }
    return response;
  }
}
