package org.gridcare.acd.app;

import java.time.Instant;
import java.util.Locale;

/** A caller's request to be called back, its dialling attempts and outcome. */
public record Callback(
    String callId, int line, String topic, String customerId, String phone, Instant requestedAt, Status status,
    int attempts, String operatorId) {

  /** waiting (in the queue), dialling (operator connected, customer being dialled), connected, missed, cancelled. */
  public enum Status {
    WAITING, DIALLING, CONNECTED, MISSED, CANCELLED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }
}
