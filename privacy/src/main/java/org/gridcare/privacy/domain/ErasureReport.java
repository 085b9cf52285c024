package org.gridcare.privacy.domain;

import java.util.List;

/** The answer to an erasure request: what was erased (count per category) and what was kept, and why. */
public record ErasureReport(long customerId, boolean dryRun, List<Erased> erased, List<Kept> kept) {
  public ErasureReport {
    erased = List.copyOf(erased);
    kept = List.copyOf(kept);
  }

  public record Erased(Category category, long count, String how) {}

  public record Kept(Category category, long count, String why) {}
}
