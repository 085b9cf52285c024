package org.gridcare.recordings.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Retention periods: after {@code archiveAfter} a stored recording is compressed into the archive, after
 * {@code retention} it is purged. A legal hold keeps it as it is.
 */
public record Retention(Duration archiveAfter, Duration retention) {

  public enum Decision { KEEP, ARCHIVE, PURGE }

  public Decision decide(Recording r, Instant now) {
    if (r.legalHold() || r.status() == Recording.Status.PURGED) {
      return Decision.KEEP;
    }
    Duration age = Duration.between(r.startedAt(), now);
    if (age.compareTo(retention) >= 0) {
      return Decision.PURGE;
    }
    if (age.compareTo(archiveAfter) >= 0 && r.status() == Recording.Status.STORED) {
      return Decision.ARCHIVE;
    }
    return Decision.KEEP;
  }
}
