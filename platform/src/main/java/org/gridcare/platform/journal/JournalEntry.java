package org.gridcare.platform.journal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One fact. {@code type} is past tense and dotted ({@code acd.call.queued}). Personal data stays out of {@code data}:
 * the caller's number goes in {@code phone}, the one column erasure anonymises.
 */
public record JournalEntry(
    Instant at, String type, String callId, Integer line, String operatorId, String customerId, String phone,
    Map<String, Object> data) {

  public JournalEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(type, "type");
    data = data == null ? Map.of() : Map.copyOf(data);
  }

  public static JournalEntry of(String type) {
    return new JournalEntry(Instant.now(), type, null, null, null, null, null, Map.of());
  }

  public JournalEntry at(Instant at) {
    return new JournalEntry(at, type, callId, line, operatorId, customerId, phone, data);
  }

  public JournalEntry call(String callId) {
    return new JournalEntry(at, type, callId, line, operatorId, customerId, phone, data);
  }

  public JournalEntry line(Integer line) {
    return new JournalEntry(at, type, callId, line, operatorId, customerId, phone, data);
  }

  public JournalEntry operator(String operatorId) {
    return new JournalEntry(at, type, callId, line, operatorId, customerId, phone, data);
  }

  public JournalEntry customer(String customerId) {
    return new JournalEntry(at, type, callId, line, operatorId, customerId, phone, data);
  }

  public JournalEntry phone(String phone) {
    return new JournalEntry(at, type, callId, line, operatorId, customerId, phone, data);
  }

  public JournalEntry data(Map<String, Object> data) {
    return new JournalEntry(at, type, callId, line, operatorId, customerId, phone, data);
  }
}
