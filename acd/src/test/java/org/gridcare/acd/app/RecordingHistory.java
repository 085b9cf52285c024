package org.gridcare.acd.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.gridcare.acd.domain.StateChange;

/** Stores through the real history and lets a test wait for a state change to be recorded. */
public final class RecordingHistory implements OperatorHistory {
  private record Waiter(Predicate<StateChange> match, CompletableFuture<StateChange> done) {}

  private final OperatorHistory delegate;
  private final List<StateChange> recorded = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

  RecordingHistory(OperatorHistory delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<Void> record(StateChange change) {
    return delegate.record(change).onSuccess(v -> {
      recorded.add(change);
      waiters.stream().filter(w -> w.match().test(change)).forEach(w -> w.done().complete(change));
    });
  }


  StateChange await(Predicate<StateChange> match) throws Exception {
    CompletableFuture<StateChange> done = new CompletableFuture<>();
    waiters.add(new Waiter(match, done));
    recorded.stream().filter(match).findFirst().ifPresent(done::complete);
    return done.get(10, TimeUnit.SECONDS);
  }
}
