package org.gridcare.recordings.domain;

import java.time.Instant;
import java.util.List;
import org.gridcare.platform.domain.DomainException;

/**
 * Search filters (all optional, combined with AND), newest first, keyset-paged by {@code (before, beforeId)}.
 * {@link #restrictTo} narrows a query to what a viewer may hear, so a search never lists other people's calls.
 */
public record RecordingQuery(
    Instant from, Instant to, Integer line, List<Integer> lines, String operator, String customerPhone,
    String customerId, Long ticket, Direction direction, Long minDurationMs, Instant before, String beforeId,
    int limit) {

  public RecordingQuery {
    lines = lines == null ? null : List.copyOf(lines);
    if (limit <= 0 || limit > 500) {
      throw DomainException.invalid("invalid-limit", "limit is 1..500, got " + limit);
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw DomainException.invalid("invalid-range", "to is before from");
    }
  }

  public static RecordingQuery all(int limit) {
    return new RecordingQuery(null, null, null, null, null, null, null, null, null, null, null, null, limit);
  }

  public RecordingQuery restrictTo(Viewer v) {
    if (v.admin()) {
      return this;
    }
    if (v.supervisor()) {
      return new RecordingQuery(from, to, line, v.lines(), operator, customerPhone, customerId, ticket, direction,
          minDurationMs, before, beforeId, limit);
    }
    if (v.agent()) {
      if (operator != null && !operator.equals(v.username())) {
        throw DomainException.forbidden("recording-forbidden", "Operators search their own calls only");
      }
      return new RecordingQuery(from, to, line, lines, v.username(), customerPhone, customerId, ticket, direction,
          minDurationMs, before, beforeId, limit);
    }
    throw DomainException.forbidden("recording-forbidden", "Your role does not give access to recordings");
  }
}
