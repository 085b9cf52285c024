package org.gridcare.privacy.domain;

import java.time.Instant;

/** What retention found (dry run) or removed in one category: how many rows or files, the oldest of them. */
public record Sweep(Category category, long count, Instant oldest) {
  public static Sweep none(Category c) {
    return new Sweep(c, 0, null);
  }

  public Sweep plus(Sweep other) {
    Instant o = oldest == null ? other.oldest : other.oldest == null || oldest.isBefore(other.oldest) ? oldest : other.oldest;
    return new Sweep(category, count + other.count, o);
  }
}
