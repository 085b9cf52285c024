package org.gridcare.platform.journal;

import io.vertx.core.Future;

/**
 * The append-only record of what happened (call legs, IVR steps, queue events, operator states, ticket transitions,
 * notifications). Reports and data-protection jobs read it; modules only append.
 */
public interface Journal {
  Future<Void> append(JournalEntry entry);
}
