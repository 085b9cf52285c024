package org.gridcare.pbx.asterisk.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.asterisk.AsteriskGateway;

/**
 * FastAGI command round trip under {@code sessions} concurrent sessions: the production FastAGI server
 * ({@link AsteriskGateway}, Asterisk-Java's AGI server, the adapter's worker hop and Future back on the caller's
 * context) runs a script issuing {@code commands} alternating {@code GET VARIABLE} and {@code STREAM FILE} commands per
 * session, each timed from the script's call to its Future completing; the Asterisk side is a FastAGI client on plain
 * sockets speaking the captured wire format (environment block, {@code 200 result=} replies sent at once, as if every
 * prompt were zero length). Against it, in the same run, a bare TCP line echo with the same number of concurrent
 * connections and round trips.
 */
public final class AgiBench {
  private static final int SESSIONS = 200;
  private static final String SCRIPT = "bench";

  private AgiBench() {}

  /** {@code quick}: 20 commands per session; full: 200. Each side first runs a tenth as warm-up. */
  public static JsonObject run(Vertx vertx, boolean quick) throws Exception {
    int commands = quick ? 20 : 200;
    try (AmiReplayServer ami = new AmiReplayServer(new byte[0], new byte[0], 0, false)) {
      PbxConfig config = new PbxConfig(PbxConfig.Mode.asterisk,
          new PbxConfig.Ami("127.0.0.1", ami.port(), "bench", null, null, null, null),
          new PbxConfig.Agi("127.0.0.1", 0, SESSIONS * 2));
      AsteriskGateway gateway = await(AsteriskGateway.start(vertx, config, "bench-secret"));
      try {
        agi(gateway, Math.max(2, commands / 10));
        long[] agi = agi(gateway, commands);
        echo(Math.max(2, commands / 10));
        long[] echo = echo(commands);
        return new JsonObject()
            .put("benchmark", "agi")
            .put("sessions", SESSIONS)
            .put("commands_per_session", commands)
            .put("p50_ms", ms(percentile(agi, 0.50)))
            .put("p99_ms", ms(percentile(agi, 0.99)))
            .put("echo_p50_ms", ms(percentile(echo, 0.50)))
            .put("echo_p99_ms", ms(percentile(echo, 0.99)));
      } finally {
        await(gateway.close());
      }
    }
  }

  /** Round trips in nanoseconds, {@code SESSIONS × commands} of them. */
  private static long[] agi(AsteriskGateway gateway, int commands) throws Exception {
    long[] samples = new long[SESSIONS * commands];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger scripts = new AtomicInteger();
    Promise<Void> allUp = Promise.promise(); // no command before every session is up: 200 really concurrent
    gateway.registerScript(SCRIPT, session -> {
      if (scripts.incrementAndGet() == SESSIONS) {
        allUp.complete();
      }
      Context own = Vertx.currentContext();
      Promise<Void> finished = Promise.promise();
      allUp.future().onComplete(v -> own.runOnContext(x -> step(session, 0, commands, samples, next).onComplete(finished)));
      return finished.future();
    });
    List<Thread> callers = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(SESSIONS);
    for (int i = 0; i < SESSIONS; i++) {
      int n = i;
      Thread t = new Thread(() -> {
        try {
          asterisk(gateway.agiPort(), n);
        } catch (IOException | RuntimeException e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }, "agi-bench-asterisk-" + i);
      t.setDaemon(true);
      callers.add(t);
    }
    callers.forEach(Thread::start);
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("FastAGI sessions did not finish");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a FastAGI session failed: " + failure.get(), failure.get());
    }
    if (next.get() != samples.length || scripts.get() != SESSIONS) {
      throw new IllegalStateException(scripts.get() + " scripts ran " + next.get() + " of " + samples.length + " commands");
    }
    return samples;
  }

  private static Future<Void> step(CallSession session, int i, int commands, long[] samples, AtomicInteger next) {
    if (i == commands) {
      return Future.succeededFuture();
    }
    long start = System.nanoTime();
    Future<?> command = i % 2 == 0 ? session.getVariable("BENCH") : session.play("beep", "");
    return command.compose(r -> {
      samples[next.getAndIncrement()] = System.nanoTime() - start;
      return step(session, i + 1, commands, samples, next);
    });
  }

  /** Asterisk's side of one FastAGI session, as in {@code fastagi-session.txt}: environment, then a reply per command. */
  private static void asterisk(int port, int n) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      String channel = String.format("PJSIP/caller-%08x", n);
      out.write(("agi_network: yes\nagi_network_script: " + SCRIPT + "\nagi_request: agi://127.0.0.1:" + port + "/"
          + SCRIPT + "\nagi_channel: " + channel + "\nagi_language: en\nagi_type: PJSIP\nagi_uniqueid: 1795478361." + n
          + "\nagi_version: 22.10.1\nagi_callerid: 5551000\nagi_calleridname: Customer\nagi_callingpres: 0\n"
          + "agi_callingani2: 0\nagi_callington: 0\nagi_callingtns: 0\nagi_dnid: 100\nagi_rdnis: unknown\n"
          + "agi_context: from-caller\nagi_extension: 100\nagi_priority: 3\nagi_enhanced: 0.0\nagi_accountcode: \n"
          + "agi_threadid: 1400647369" + n + "\n\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String command;
      while ((command = in.readLine()) != null) {
        String reply = command.startsWith("GET VARIABLE") ? "200 result=1 (42)\n"
            : command.startsWith("STREAM FILE") ? "200 result=0 endpos=3404\n"
            : "200 result=0\n";
        out.write(reply.getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }
  }

  /** A bare TCP line echo: {@code SESSIONS} connections, {@code commands} timed round trips each. */
  private static long[] echo(int commands) throws Exception {
    long[] samples = new long[SESSIONS * commands];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(SESSIONS);
    CountDownLatch connected = new CountDownLatch(SESSIONS);
    try (ServerSocket server = new ServerSocket(0, SESSIONS, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        for (int i = 0; i < SESSIONS; i++) {
          try {
            Socket s = server.accept();
            Thread echo = new Thread(() -> echoLines(s), "agi-bench-echo");
            echo.setDaemon(true);
            echo.start();
          } catch (IOException e) {
            failure.compareAndSet(null, e);
            return;
          }
        }
      }, "agi-bench-echo-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      for (int i = 0; i < SESSIONS; i++) {
        Thread t = new Thread(() -> {
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            byte[] line = "GET VARIABLE \"BENCH\"\n".getBytes(StandardCharsets.US_ASCII);
            connected.countDown();
            if (!connected.await(1, TimeUnit.MINUTES)) {
              throw new IOException("not every echo connection came up");
            }
            for (int c = 0; c < commands; c++) {
              long start = System.nanoTime();
              out.write(line);
              out.flush();
              if (in.readLine() == null) {
                throw new IOException("echo closed early");
              }
              samples[next.getAndIncrement()] = System.nanoTime() - start;
            }
          } catch (IOException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
          } finally {
            done.countDown();
          }
        }, "agi-bench-echo-client-" + i);
        t.setDaemon(true);
        t.start();
      }
      if (!done.await(10, TimeUnit.MINUTES) || failure.get() != null) {
        throw new IllegalStateException("echo round trips failed: " + failure.get());
      }
    }
    return samples;
  }

  private static void echoLines(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      String line;
      while ((line = in.readLine()) != null) {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException e) {
      // the client closed
    }
  }

  private static long percentile(long[] samples, double p) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
