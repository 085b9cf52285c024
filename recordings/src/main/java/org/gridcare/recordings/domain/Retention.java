package org.gridcare.recordings.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Retention periods: after {@code archiveAfter} a stored (or recovered) recording is compressed into the archive, after
 * {@code retention} it is purged, unless its category (the call topic) has a period of its own in
 * {@code retentionByTopic} (e.g. complaints kept longer). A legal hold keeps it as it is.
 */
public record Retention(Duration archiveAfter, Duration retention, Map<String, Duration> retentionByTopic) {

  public Retention {
    retentionByTopic = retentionByTopic == null ? Map.of() : Map.copyOf(retentionByTopic);
  }

  public Retention(Duration archiveAfter, Duration retention) {
    this(archiveAfter, retention, Map.of());
  }

  /** The purge period of a recording's category. */
  public Duration retentionOf(Recording r) {
    return r.topic() == null ? retention : retentionByTopic.getOrDefault(r.topic(), retention);
  }

  /** The shortest purge period of any category: recordings younger than this are never purged. */
  public Duration shortestRetention() {
    return retentionByTopic.values().stream().reduce(retention, (a, b) -> a.compareTo(b) <= 0 ? a : b);
  }

  public enum Decision { KEEP, ARCHIVE, PURGE }

  public Decision decide(Recording r, Instant now) {
    if (r.legalHold() || r.status() == Recording.Status.PURGED) {
      return Decision.KEEP;
    }
    Duration age = Duration.between(r.startedAt(), now);
    if (age.compareTo(retentionOf(r)) >= 0) {
      return Decision.PURGE;
    }
    if (age.compareTo(archiveAfter) >= 0
        && (r.status() == Recording.Status.STORED || r.status() == Recording.Status.RECOVERED)) {
      return Decision.ARCHIVE;
    }
    return Decision.KEEP;
  }
}
