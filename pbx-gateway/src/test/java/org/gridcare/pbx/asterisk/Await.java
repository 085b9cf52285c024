package org.gridcare.pbx.asterisk;

import io.vertx.core.Future;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.gridcare.pbx.domain.PbxEvent;

/** Blocking helpers for tests (never used on an event loop). */
final class Await {
  private Await() {}

  static <T> T result(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  static Throwable failure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got success");
  }

  /** The next event of {@code type} (skipping others), within 10 s. */
  static <E extends PbxEvent> E event(BlockingQueue<PbxEvent> events, Class<E> type) throws InterruptedException {
    return event(events, type, e -> true);
  }

  static <E extends PbxEvent> E event(BlockingQueue<PbxEvent> events, Class<E> type, Predicate<E> match)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      PbxEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (type.isInstance(e) && match.test(type.cast(e))) {
        return type.cast(e);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
  }

  /** Polls {@code condition} (every millisecond, up to 10 s) for state that has no event to wait on. */
  static void until(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  /** Names of live threads, without Vert.x's own pools and the tests' fake servers. */
  static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> !n.startsWith("vert.x-") && !n.startsWith("fake-"))
        .collect(Collectors.toSet());
  }

  /** Joins (up to 5 s) every live thread whose name is not in {@code before}, then returns those still alive. */
  static Set<String> threadsLeftOver(Set<String> before) throws InterruptedException {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (t.isAlive() && !before.contains(n) && !n.startsWith("vert.x-") && !n.startsWith("fake-")) {
        t.join(5_000);
      }
    }
    Set<String> after = threadNames();
    after.removeAll(before);
    Thread.getAllStackTraces().forEach((t, stack) -> {
      if (after.contains(t.getName())) {
        System.err.println("Left-over thread " + t.getName() + ":");
        for (StackTraceElement e : stack) {
          System.err.println("    at " + e);
        }
      }
    });
    return after;
  }
}
