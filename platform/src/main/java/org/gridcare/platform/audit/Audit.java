package org.gridcare.platform.audit;

import io.vertx.core.Future;

/** The append-only, hash-chained access audit (see {@code AuditEntry}). */
public interface Audit {
  Future<Void> record(AuditEntry entry);

  /** Recomputes the chain; the result names the first entry that was changed, removed or inserted. */
  Future<Verification> verify();

  record Verification(boolean intact, long entries, Long firstBrokenId, String problem) {}
}
