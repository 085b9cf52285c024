package org.gridcare.ivr.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.ivr.app.Catalogues;
import org.gridcare.ivr.app.IvrEngine;
import org.gridcare.ivr.app.IvrEvents;
import org.gridcare.ivr.app.PromptLibrary;
import org.gridcare.ivr.app.Steps;
import org.gridcare.ivr.app.TtsCache;
import org.gridcare.ivr.app.UtilityActions;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.freetts.FreeTts;
import org.gridcare.ivr.yaml.YamlMenus;
import org.gridcare.platform.domain.PhoneNumbers;

/**
 * Measures the IVR for {@code ./contact-centre bench ivr}:
 * <ul>
 *   <li>{@code p50_ms}, {@code p99_ms}: from the caller's last digit being delivered to the next prompt starting,
 *   with {@code sessions} callers at once walking the default menu's storm path (identify by GSRN, hear the outage,
 *   submit and confirm a meter reading). The PBX is in-process ({@code "pbx": "in-process"}): the FastAGI wire and
 *   the simulator are not in these numbers.</li>
 *   <li>{@code tts_cold_ms}, {@code tts_cached_ms}: rendering a typical outage sentence the first time and from the
 *   cache (median of repeats).</li>
 * </ul>
 */
public final class IvrBench {
  static final String OUTAGE_SENTENCE = "There is an unplanned power outage in your area, caused by a storm-damaged"
      + " line, since 14:30. Power is expected back at 18:00.";
  static final String GSRN = "707057500000000018";
  /** The default menu's storm path for a caller the CRM does not know by phone. */
  static final List<String> KEYS = List.of("", "2", GSRN, "2", "2", GSRN, "10500", "1");

  /** {@code quick}: runs in well under a minute. */
  public record Settings(int sessions, int rounds, long promptMs, long thinkMs, int cachedRepeats) {
    public static Settings quick() {
      return new Settings(50, 1, 20, 10, 20);
    }

    public static Settings full() {
      return new Settings(300, 5, 200, 50, 200);
    }
  }

  private IvrBench() {}

  /**
   * @param events where the IVR's events go (the server passes its journal + metrics, as in production)
   * @param workDir scratch directory for the TTS cache and voicemail (a fresh cache is used, so cold is cold)
   */
  public static Future<JsonObject> run(Vertx vertx, ContactCentreConfig config, IvrEvents events, Path workDir,
      Settings settings) {
    Path cacheDir = workDir.resolve("tts-" + System.nanoTime());
    return vertx.executeBlocking(() -> FreeTts.load(config.ivr().tts().voice()), false).compose(tts -> {
      TtsCache cache = new TtsCache(vertx, tts, cacheDir);
      JsonObject result = new JsonObject();
      return tts(cache, settings, result)
          .compose(v -> vertx.executeBlocking(() -> new YamlMenus().load(Path.of(config.ivr().menuFile()),
              Catalogues.of(config)), false))
          .compose(menu -> engine(vertx, config, menu, cache, events, workDir, settings, result))
          .map(result)
          .eventually(() -> {
            cache.close();
            return vertx.executeBlocking(() -> {
              tts.close();
              return null;
            }, false);
          });
    });
  }

  private static Future<Void> tts(TtsCache cache, Settings settings, JsonObject result) {
    long start = System.nanoTime();
    return cache.render("en", OUTAGE_SENTENCE).compose(first -> {
      result.put("tts_cold_ms", millis(System.nanoTime() - start));
      List<Long> times = Collections.synchronizedList(new ArrayList<>());
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < settings.cachedRepeats(); i++) {
        chain = chain.compose(v -> {
          long t = System.nanoTime();
          return cache.render("en", OUTAGE_SENTENCE).map(p -> {
            times.add(System.nanoTime() - t);
            return null;
          });
        });
      }
      return chain.map(v -> {
        result.put("tts_cached_ms", millis(percentile(times, 50)));
        return null;
      });
    });
  }

  private static Future<Void> engine(Vertx vertx, ContactCentreConfig config, IvrMenu menu, TtsCache cache,
      IvrEvents events, Path workDir, Settings settings, JsonObject result) {
    PromptLibrary prompts = new PromptLibrary(vertx, cache, Path.of(config.ivr().promptsDir()));
    BenchPorts ports = new BenchPorts();
    PhoneNumbers phones = new PhoneNumbers(config.locale().phoneRegion());
    Clock clock = Clock.systemUTC();
    UtilityActions actions = new UtilityActions(ports, ports, ports, ports, phones, config.locale().zone(), clock);
    Steps steps = new Steps(actions, Catalogues.of(config).topics(), handoff -> Future.succeededFuture(), line -> true,
        ports, workDir.resolve("voicemail"), Set.of());
    IvrEngine engine = new IvrEngine(() -> menu, steps, prompts, events, phones, clock);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    return prompts.prepare(menu).compose(v -> {
      List<Future<Void>> callers = new ArrayList<>();
      for (int s = 0; s < settings.sessions(); s++) {
        callers.add(caller(engine, vertx, s, settings, latencies));
      }
      return Future.all(callers);
    }).map(v -> {
      List<Long> all = new ArrayList<>(latencies);
      result.put("p50_ms", millis(percentile(all, 50))).put("p99_ms", millis(percentile(all, 99)))
          .put("sessions", settings.sessions()).put("samples", all.size()).put("pbx", "in-process");
      return null;
    });
  }

  /** One line: {@code rounds} calls one after another. */
  private static Future<Void> caller(IvrEngine engine, Vertx vertx, int line, Settings settings,
      ConcurrentLinkedQueue<Long> latencies) {
    Future<Void> chain = Future.succeededFuture();
    for (int r = 0; r < settings.rounds(); r++) {
      String callId = "bench-" + line + "-" + r;
      chain = chain.compose(v -> engine.run(new BenchPbxSession(vertx, callId, null, KEYS, settings.promptMs(),
          settings.thinkMs(), latencies::add)));
    }
    return chain;
  }

  private static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
