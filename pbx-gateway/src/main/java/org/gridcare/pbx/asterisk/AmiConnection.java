package org.gridcare.pbx.asterisk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.domain.PbxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed AMI link: logs in, pings, notices a lost connection, reconnects with exponential backoff and
 * reconciles the channel table on every (re)connect. Every blocking Asterisk-Java call runs on a small dedicated
 * executor ({@code pbx-ami-N} threads); results come back on the caller's Vert.x context.
 *
 * <p>Asterisk-Java's own reconnect loop (50 ms, then every 5 s, forever) is switched off by logging the dead
 * connection off as soon as it reports the loss: each attempt uses a fresh {@link ManagerConnection} instead, so the
 * backoff is ours and a half-open socket cannot linger.
 */
final class AmiConnection {
  private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

  private final Vertx vertx;
  private final Context context;
  private final PbxConfig.Ami config;
  private final ManagerConnectionFactory factory;
  private final AmiEventTranslator translator;
  private final ExecutorService executor;
  private final long timeoutMs;
  /** Pending results, failed at once when the connection that carries them is lost. */
  private final Set<Promise<?>> inFlight = ConcurrentHashMap.newKeySet();
  /** Asterisk-Java's event-dispatch thread of each connection we opened, see {@link #stopEventPumps}. */
  private final Map<ManagerConnection, Thread> eventPumps = new ConcurrentHashMap<>();

  private volatile ManagerConnection current;
  private volatile ManagerConnection connecting;
  private volatile String detail = "not connected yet";
  // Touched only on {@code context}.
  private int failedAttempts;
  private long retryTimer = -1;
  private long pingTimer = -1;
  private boolean closed;

  AmiConnection(Vertx vertx, Context context, PbxConfig.Ami config, String secret, AmiEventTranslator translator) {
    this.vertx = vertx;
    this.context = context;
    this.config = config;
    this.factory = new ManagerConnectionFactory(config.host(), config.port(), config.username(), secret);
    this.translator = translator;
    this.timeoutMs = config.actionTimeout().toMillis();
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "pbx-ami-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Makes the first attempt; completes when it succeeded or failed (later attempts continue in the background). */
  Future<Void> start() {
    Promise<Void> first = Promise.promise();
    context.runOnContext(v -> {
      pingTimer = vertx.setPeriodic(config.pingInterval().toMillis(), id -> ping());
      attempt(first);
    });
    return first.future();
  }

  PbxStatus status() {
    return new PbxStatus(current != null, detail);
  }

  /** Sends a simple action; {@code Response: Error} and transport problems become the port's error ids. */
  Future<ManagerResponse> send(ManagerAction action) {
    String name = action.getAction();
    return call(name, conn -> AmiFailures.check(name, conn.sendAction(action, timeoutMs)));
  }

  /** Sends a list action (CoreShowChannels…) and returns its item events. */
  Future<List<ResponseEvent>> sendList(EventGeneratingAction action) {
    String name = action.getAction();
    return call(name, conn -> listItems(name, conn.sendEventGeneratingAction(action, timeoutMs)));
  }

  /**
   * Sends an action whose outcome is an event that may come much later (async Originate): the executor thread only
   * writes it; the completion event arrives on Asterisk-Java's event thread and is handed to the caller's context.
   */
  Future<ResponseEvents> sendAsync(EventGeneratingAction action, Duration timeout) {
    String name = action.getAction();
    ManagerConnection conn = current;
    Context caller = vertx.getOrCreateContext();
    if (conn == null) {
      return Future.failedFuture(AmiFailures.unavailable(name, null));
    }
    Promise<ResponseEvents> result = Promise.promise();
    inFlight.add(result);
    Promise<Void> written = Promise.promise();
    runBlocking(written, () -> {
      conn.sendEventGeneratingAction(action, result::tryComplete);
      return null;
    }, name);
    written.future().onFailure(result::tryFail);
    long timer = vertx.setTimer(timeout.toMillis(), id -> result.tryFail(AmiFailures.timeout(name)));
    return onCaller(caller, result.future().andThen(ar -> {
      vertx.cancelTimer(timer);
      inFlight.remove(result);
    }));
  }

  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        done.complete();
        return;
      }
      closed = true;
      vertx.cancelTimer(retryTimer);
      vertx.cancelTimer(pingTimer);
      ManagerConnection conn = current;
      current = null;
      detail = "closed";
      failAll("gateway closed");
      executor.execute(() -> {
        logoffQuietly(conn);
        logoffQuietly(connecting);
        stopEventPumps();
      });
      executor.shutdown();
      vertx.<Void>executeBlocking(() -> {
        if (!executor.awaitTermination(timeoutMs * 2, TimeUnit.MILLISECONDS)) {
          executor.shutdownNow();
        }
        return null;
      }).onComplete(done);
    });
    return done.future();
  }

  private interface Blocking<T> {
    T run(ManagerConnection conn) throws IOException, TimeoutException;
  }

  private <T> Future<T> call(String name, Blocking<T> work) {
    ManagerConnection conn = current;
    Context caller = vertx.getOrCreateContext();
    if (conn == null) {
      return Future.failedFuture(AmiFailures.unavailable(name, null));
    }
    Promise<T> result = Promise.promise();
    inFlight.add(result);
    runBlocking(result, () -> work.run(conn), name, conn);
    return onCaller(caller, result.future().andThen(ar -> inFlight.remove(result)));
  }

  private <T> void runBlocking(Promise<T> result, Callable<T> work, String name) {
    runBlocking(result, work, name, null);
  }

  /**
   * Runs {@code work} on the executor. Asterisk-Java reports a connection lost mid-action as a timeout (it hands the
   * waiting caller a null response at once), so an early "timeout", or one on a connection that is no longer up, is
   * "unavailable".
   */
  private <T> void runBlocking(Promise<T> result, Callable<T> work, String name, ManagerConnection conn) {
    try {
      executor.execute(() -> {
        long started = System.nanoTime();
        try {
          result.tryComplete(work.call());
        } catch (TimeoutException e) {
          long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
          boolean lost = conn != null
              && (conn.getState() != ManagerConnectionState.CONNECTED || waitedMs < timeoutMs / 2);
          result.tryFail(lost ? AmiFailures.unavailable(name, new IOException("connection lost"))
              : AmiFailures.timeout(name));
        } catch (IOException | IllegalStateException e) {
          result.tryFail(AmiFailures.unavailable(name, e));
        } catch (RuntimeException e) {
          result.tryFail(e);
        } catch (Exception e) {
          result.tryFail(AmiFailures.unavailable(name, e));
        }
      });
    } catch (RejectedExecutionException e) {
      result.tryFail(AmiFailures.unavailable(name, e));
    }
  }

  private static List<ResponseEvent> listItems(String name, ResponseEvents events) {
    AmiFailures.check(name, events.getResponse());
    return events.getEvents().stream()
        .filter(e -> !e.getClass().getSimpleName().endsWith("CompleteEvent"))
        .toList();
  }

  private static <T> Future<T> onCaller(Context caller, Future<T> future) {
    Promise<T> out = Promise.promise();
    future.onComplete(ar -> caller.runOnContext(v -> out.handle(ar)));
    return out.future();
  }

  // --- connection lifecycle (on context) ---

  private void attempt(Promise<Void> first) {
    if (closed) {
      first.tryComplete();
      return;
    }
    eventPumps.values().removeIf(pump -> !pump.isAlive());
    ManagerConnection conn = factory.createManagerConnection();
    conn.setSocketTimeout((int) timeoutMs);
    conn.addEventListener(event -> onManagerEvent(conn, event));
    connecting = conn;
    translator.reconciling();
    Promise<List<CoreShowChannelEvent>> login = Promise.promise();
    runBlocking(login, () -> {
      conn.login();
      ResponseEvents events = conn.sendEventGeneratingAction(new CoreShowChannelsAction(), timeoutMs);
      return listItems("CoreShowChannels", events).stream()
          .filter(CoreShowChannelEvent.class::isInstance).map(CoreShowChannelEvent.class::cast).toList();
    }, "Login");
    login.future().onComplete(ar -> context.runOnContext(v -> {
      if (ar.succeeded() && !closed) {
        current = conn;
      }
      connecting = null;
      if (closed) {
        executor.execute(() -> logoffQuietly(conn));
        first.tryComplete();
        return;
      }
      if (ar.succeeded()) {
        failedAttempts = 0;
        detail = "connected to " + config.host() + ":" + config.port();
        translator.reconciled(ar.result(), Instant.now());
        log.info("AMI connected to {}:{}, {} live channels reconciled", config.host(), config.port(),
            ar.result().size());
      } else {
        detail = "cannot connect to " + config.host() + ":" + config.port() + ": " + ar.cause().getMessage();
        log.warn("AMI {}", detail);
        executor.execute(() -> logoffQuietly(conn));
        scheduleRetry();
      }
      first.tryComplete();
    }));
  }

  private void onManagerEvent(ManagerConnection conn, ManagerEvent event) {
    eventPumps.putIfAbsent(conn, Thread.currentThread());
    if (event instanceof DisconnectEvent) {
      // Stops Asterisk-Java's built-in reconnect thread before its first try (it sleeps 50 ms first). In state
      // RECONNECTING logoff() does no I/O; should the library have reconnected already, the Logoff must not wait on
      // this thread, which is the one that would deliver its response.
      if (conn.getState() == ManagerConnectionState.RECONNECTING) {
        logoffQuietly(conn);
      } else {
        executor.execute(() -> logoffQuietly(conn));
      }
      context.runOnContext(v -> lost(conn, "connection to the PBX lost"));
    } else if (conn == current || conn == connecting) {
      translator.onEvent(event);
    }
  }

  private void lost(ManagerConnection conn, String reason) {
    if (conn != current || closed) {
      return;
    }
    current = null;
    detail = reason;
    log.warn("AMI {}; reconnecting", reason);
    failAll(reason);
    translator.disconnected(Instant.now(), reason);
    scheduleRetry();
  }

  private void scheduleRetry() {
    long base = FIRST_BACKOFF.toMillis() << Math.min(failedAttempts, 16);
    long delay = Math.min(base, config.maxReconnectBackoff().toMillis());
    failedAttempts++;
    retryTimer = vertx.setTimer(delay, id -> attempt(Promise.promise()));
  }

  private void ping() {
    ManagerConnection conn = current;
    if (conn == null) {
      return;
    }
    Promise<ManagerResponse> pong = Promise.promise();
    runBlocking(pong, () -> AmiFailures.check("Ping", conn.sendAction(new PingAction(), timeoutMs)), "Ping");
    pong.future().onFailure(e -> context.runOnContext(v -> {
      if (conn == current) {
        executor.execute(() -> logoffQuietly(conn));
        lost(conn, "keep-alive ping failed: " + e.getMessage());
      }
    }));
  }

  /**
   * Works around a race in Asterisk-Java 3.42's AsyncEventPump: its stop() enqueues the poison before raising the
   * stop flag, so the pump can swallow the poison, see the flag still down and block another minute in
   * {@code poll(1, MINUTES)}. Every connection is logged off by now, so a pump still alive after a grace period is
   * idle in that poll: an interrupt ends it (Asterisk-Java logs the interruption).
   */
  private void stopEventPumps() {
    eventPumps.values().forEach(pump -> {
      try {
        pump.join(500);
        if (pump.isAlive()) {
          pump.interrupt();
          pump.join(timeoutMs);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    eventPumps.clear();
  }

  private void failAll(String reason) {
    List.copyOf(inFlight).forEach(p -> p.tryFail(AmiFailures.unavailable("action", new IOException(reason))));
    inFlight.clear();
  }

  private static void logoffQuietly(ManagerConnection conn) {
    if (conn == null) {
      return;
    }
    ManagerConnectionState state = conn.getState();
    if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING) {
      try {
        conn.logoff();
      } catch (RuntimeException e) {
        log.debug("AMI logoff failed: {}", e.getMessage());
      }
    }
  }
}
