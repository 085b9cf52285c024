package org.gridcare.server.cli;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.server.ContactCentre;

/**
 * {@code bench ivr} on the wire: the whole centre runs in simulator mode on scratch storage, and simulated callers
 * dial the toll-free number, so every digit travels as DTMF into the simulated PBX, over FastAGI to the IVR, through
 * its CRM look-ups on PostgreSQL, and the next prompt comes back over FastAGI as the PBX's STREAM FILE / GET DATA.
 * The latency is taken at the PBX: from the caller's last digit (the moment it is pressed) to the next prompt starting.
 *
 * <p>Each caller (unknown to the CRM) walks: language 1 → welcome; customer number (1) → a number the CRM lacks
 * (look-up) → not found; main menu 3 → an application number the CRM lacks (look-up) → not found; main menu 0 →
 * goodbye: six digit-to-prompt samples per call, each digit pressed after listening {@code thinkMs}. {@code sessions}
 * callers are placed {@link #PLACE_PER_SECOND} per second, each placing {@code rounds} calls one after another; a
 * warm-up of {@link #WARM_UP} calls is not counted. The simulator plays every prompt for 200 ms.
 */
final class IvrWireBench {
  static final String DID = "80012345";
  static final int PLACE_PER_SECOND = 100;
  static final int WARM_UP = 20;

  /** {@code thinkMs}: how long a caller listens before pressing (keeps the sessions overlapping). */
  record Settings(int sessions, int rounds, long thinkMs) {
    static Settings quick() {
      return new Settings(50, 1, 300);
    }

    static Settings full() {
      return new Settings(300, 3, 1000);
    }
  }

  private final ContactCentre cc;
  private final Vertx vertx;
  private final PbxSimulator sim;
  private final Map<String, String> prompts = new HashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger numbers = new AtomicInteger();

  IvrWireBench(ContactCentre cc) {
    this.cc = cc;
    this.vertx = cc.vertx();
    this.sim = cc.pbxLink().simulator().orElseThrow(() -> new IllegalStateException("bench ivr needs pbx.mode simulator"));
  }

  /** p50/p99 of the measured calls, how many ran at once at the peak, and how many calls broke. */
  Future<JsonObject> run(Settings settings) {
    return resolvePrompts(List.of("choose-language", "ask-identifier", "main-menu"))
        .compose(v -> wave(new Settings(Math.min(WARM_UP, settings.sessions()), 1, settings.thinkMs()),
            new ConcurrentLinkedQueue<>()))
        .compose(v -> {
          peak.set(0);
          failed.set(0);
          ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
          return wave(settings, latencies).map(x -> {
            List<Long> all = new ArrayList<>(latencies);
            return new JsonObject().put("p50_ms", millis(percentile(all, 50))).put("p99_ms", millis(percentile(all, 99)))
                .put("sessions", settings.sessions()).put("rounds", settings.rounds())
                .put("think_ms", settings.thinkMs()).put("samples", all.size())
                .put("peak_concurrent_calls", peak.get()).put("failed_calls", failed.get())
                .put("pbx", "simulator over AMI + FastAGI (loopback)");
          });
        });
  }

  /** The sound file of each static prompt, as the IVR plays it. */
  private Future<Void> resolvePrompts(List<String> ids) {
    List<Future<Void>> all = new ArrayList<>();
    for (String id : ids) {
      String text = cc.ivr().menu().get().promptText("en", id).orElseThrow();
      all.add(cc.ivr().speech().render("en", text).map(file -> {
        String s = file.toString();
        prompts.put(id, s.endsWith(".wav") ? s.substring(0, s.length() - 4) : s);
        return null;
      }));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> wave(Settings settings, ConcurrentLinkedQueue<Long> latencies) {
    List<Future<Void>> lines = new ArrayList<>();
    long gap = Math.max(1, 1000 / PLACE_PER_SECOND);
    for (int i = 0; i < settings.sessions(); i++) {
      Promise<Void> done = Promise.promise();
      lines.add(done.future());
      Runnable start = () -> rounds(settings, latencies).onComplete(r -> done.complete());
      if (i == 0) {
        start.run();
      } else {
        vertx.setTimer(i * gap, t -> start.run());
      }
    }
    return Future.join(lines).mapEmpty();
  }

  private Future<Void> rounds(Settings settings, ConcurrentLinkedQueue<Long> latencies) {
    Future<Void> chain = Future.succeededFuture();
    for (int r = 0; r < settings.rounds(); r++) {
      chain = chain.compose(v -> call(settings.thinkMs(), latencies).recover(e -> {
        failed.incrementAndGet();
        return Future.succeededFuture();
      }));
    }
    return chain;
  }

  /** One call along the walk; the samples of a call that breaks are dropped with it. */
  private Future<Void> call(long thinkMs, ConcurrentLinkedQueue<Long> latencies) {
    SimCall call;
    try {
      call = sim.placeCall(String.format("+4741%06d", numbers.getAndIncrement() % 1_000_000), DID);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    peak.accumulateAndGet(active.incrementAndGet(), Math::max);
    List<Long> samples = new ArrayList<>();
    Think think = () -> Future.future(p -> vertx.setTimer(Math.max(1, thinkMs), t -> p.complete()));
    return heard(call, prompts.get("choose-language"), 1)
        .compose(p -> timed(think, call, "1", samples))
        .compose(p -> heard(call, prompts.get("ask-identifier"), 1))
        .compose(p -> timed(think, call, "1", samples))
        .compose(p -> timed(think, call, "999999#", samples))
        .compose(p -> heard(call, prompts.get("main-menu"), 1))
        .compose(p -> timed(think, call, "3", samples))
        .compose(p -> timed(think, call, "999999#", samples))
        .compose(p -> heard(call, prompts.get("main-menu"), 2))
        .compose(p -> timed(think, call, "0", samples))
        .compose(p -> call.awaitState(CallState.HUNG_UP))
        .onSuccess(v -> latencies.addAll(samples))
        .onFailure(e -> call.hangUp())
        .eventually(() -> {
          active.decrementAndGet();
          return Future.succeededFuture();
        });
  }

  /** Completes once {@code file} has started playing {@code times} times in the call. */
  private static Future<Void> heard(SimCall call, String file, int times) {
    Future<String> next = call.awaitNextPrompt(); // registered before looking, so no prompt slips by
    if (call.prompts().stream().filter(file::equals).count() >= times) {
      return Future.succeededFuture();
    }
    return next.compose(p -> heard(call, file, times));
  }

  /** The caller listening before pressing. */
  private interface Think {
    Future<Void> pause();
  }

  /**
   * After the caller's pause, presses the digits and completes with the next prompt, noting the time from the press
   * to its start.
   */
  private static Future<String> timed(Think think, SimCall call, String digits, List<Long> samples) {
    return think.pause().compose(x -> {
      Future<String> next = call.awaitNextPrompt();
      long start = System.nanoTime();
      return call.press(digits).compose(v -> next).map(p -> {
        samples.add(System.nanoTime() - start);
        return p;
      });
    });
  }

  static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  /** The configuration overrides of a scratch centre: embedded storage, free ports, every file under {@code work}. */
  static Map<String, String> scratch(Path work) {
    Map<String, String> env = new HashMap<>();
    env.put("CC_PBX_MODE", "simulator");
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_PBX_AGI_PORT", "0");
    env.put("CC_STORAGE_DATA_DIR", work.resolve("data").toString());
    env.put("CC_IVR_TTS_CACHE_DIR", work.resolve("tts").toString());
    env.put("CC_RECORDINGS_MONITOR_DIR", work.resolve("monitor").toString());
    env.put("CC_RECORDINGS_STORE_DIR", work.resolve("recordings").toString());
    env.put("CC_RECORDINGS_ARCHIVE_DIR", work.resolve("archive").toString());
    return env;
  }
}
