package org.gridcare.acd.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;

/** Appends to the real journal and lets a test wait for an entry to be written. */
public final class RecordingJournal implements Journal {
  private record Waiter(Predicate<JournalEntry> match, CompletableFuture<JournalEntry> done) {}

  private final Journal delegate;
  private final List<JournalEntry> written = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

  RecordingJournal(Journal delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<Void> append(JournalEntry entry) {
    return delegate.append(entry).onSuccess(v -> {
      written.add(entry);
      waiters.stream().filter(w -> w.match().test(entry)).forEach(w -> w.done().complete(entry));
    });
  }

  /** The first entry of {@code type} for {@code callId}, waiting up to 10 s for it. */
  JournalEntry await(String type, String callId) throws Exception {
    return whenWritten(type, callId).get(10, TimeUnit.SECONDS);
  }

  /** Completes with the first entry of {@code type} for {@code callId} once it is written. */
  CompletableFuture<JournalEntry> whenWritten(String type, String callId) {
    Predicate<JournalEntry> match = e -> e.type().equals(type) && (callId == null || callId.equals(e.callId()));
    CompletableFuture<JournalEntry> done = new CompletableFuture<>();
    waiters.add(new Waiter(match, done));
    written.stream().filter(match).findFirst().ifPresent(done::complete);
    return done;
  }

  List<JournalEntry> written() {
    return written;
  }
}
