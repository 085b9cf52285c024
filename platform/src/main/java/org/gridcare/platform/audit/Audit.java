package org.gridcare.platform.audit;

import io.vertx.core.Future;

/** The append-only, hash-chained access audit (see {@code AuditEntry}). */
public interface Audit {
  Future<Void> record(AuditEntry entry);

  /** Recomputes the chain; the result names the first entry that was changed, removed or inserted. */
  Future<Verification> verify();

  /**
   * Retention: removes the entries recorded before {@code cutoff} (a prefix of the chain) and leaves a checkpoint so
   * {@link #verify()} still proves the rest intact.
   */
  Future<Purge> purgeBefore(java.time.Instant cutoff);

  /** What a purge removed: how many entries, the oldest one's time (null when none). */
  record Purge(long entries, java.time.Instant oldest) {}

  record Verification(boolean intact, long entries, Long firstBrokenId, String problem) {}
}
