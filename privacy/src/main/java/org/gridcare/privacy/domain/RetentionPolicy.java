package org.gridcare.privacy.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long one category is kept and what happens then. {@code retention} is null for {@link DeletionRule#ON_REQUEST}.
 * {@code onErasure} says whether a data subject's erasure removes it or keeps it for a legal {@code duty};
 * {@code hold} (a reason) stops the retention job for the whole category, as a legal hold does.
 */
public record RetentionPolicy(Category category, String description, Duration retention, DeletionRule rule,
    boolean keepOnErasure, String duty, String hold) {

  /** The instant before which data of this category has expired, if the clock enforces it and it is not on hold. */
  public Optional<Instant> cutoff(Instant now) {
    if (rule == DeletionRule.ON_REQUEST || retention == null || hold != null) {
      return Optional.empty();
    }
    return Optional.of(now.minus(retention));
  }
}
