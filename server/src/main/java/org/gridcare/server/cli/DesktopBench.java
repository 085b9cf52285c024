package org.gridcare.server.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridcare.acd.app.AcdEvents;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.config.TopicConfig;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;

/**
 * {@code bench desktop}: offer-to-pop latency with every desktop signed in. A scratch contact centre in simulator mode
 * (embedded PostgreSQL and Redis under a temporary directory) gets {@code desktops} generated operators (every line,
 * every skill, one-second wrap-up), each signed in with their desktop's event stream open; then the simulator's call
 * scenario places callers through the IVR at {@code rate} per second. For each offer the clock starts when the ACD
 * publishes {@code acd.call.offered} and stops when that operator's stream delivers the {@code pop} (card built:
 * caller's channel looked up on the PBX, CRM card, journal facts, call logged). The streams are read by an HTTP
 * client, not a browser: rendering the card in the DOM is not in the figure. {@code page_kb} is the page's weight as
 * the browser loads it (HTML, JS, CSS and one language bundle).
 */
final class DesktopBench {
  private static final List<String> PAGE = List.of("web/desktop/index.html", "web/desktop/desktop.js",
      "web/desktop/desktop.css", "web/desktop/i18n/en.json");

  private DesktopBench() {}

  static JsonObject run(Path configFile, boolean quick) throws Exception {
    int desktops = quick ? 20 : 100;
    int calls = quick ? 60 : 3000;
    double rate = quick ? 10 : 50;
    Path data = Files.createTempDirectory("cc-bench-desktop");
    ContactCentreConfig config = withOperators(ConfigLoader.load(configFile, environment(data)), desktops);
    ContactCentre cc = Cli.await(ContactCentre.start(config), 180);
    Vertx vertx = cc.vertx();
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(cc.httpPort()), new PoolOptions().setHttp1MaxSize(desktops + 4));
    try {
      Map<String, Long> offeredAt = new ConcurrentHashMap<>();
      List<Double> latencies = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer(AcdEvents.QUEUE_CHANGED, m -> {
        if ("acd.call.offered".equals(m.body().getString("type"))) {
          offeredAt.put(m.body().getString("operatorId") + " " + m.body().getString("callId"), System.nanoTime());
        }
      });
      for (OperatorConfig op : config.operators()) {
        String password = "bench-" + op.id() + "-password";
        Cli.await(cc.authentication().addUser("bench", new Identity(op.id(), Set.of(Role.AGENT), op.lines()), password), 30);
        String token = Cli.await(cc.authentication().login(op.id(), password), 30).token();
        Cli.await(listen(http, op.id(), token, offeredAt, latencies), 30);
      }
      Cli.await(cc.authentication().addUser("bench", new Identity("bench-admin", Set.of(Role.ADMIN), List.of(1, 2, 3)),
          "bench-admin-password"), 30);
      String admin = Cli.await(cc.authentication().login("bench-admin", "bench-admin-password"), 30).token();
      JsonObject scenario = Cli.await(http.request(HttpMethod.POST, "/api/simulator/scenarios")
          .compose(req -> req.putHeader("Authorization", "Bearer " + admin).putHeader("content-type", "application/json")
              .send(new JsonObject().put("calls", calls).put("rate", rate).put("seed", 9).put("agents", desktops).encode())
              .compose(resp -> resp.body().map(b -> {
                if (resp.statusCode() != 200) {
                  throw new IllegalStateException("scenario refused: " + resp.statusCode() + " " + b);
                }
                return b.toJsonObject();
              }))), 1800);
      List<Double> sorted = new ArrayList<>(latencies);
      sorted.sort(Double::compare);
      return new JsonObject().put("desktops", desktops).put("calls", calls).put("rate_per_s", rate)
          .put("offers", offeredAt.size()).put("pops", sorted.size())
          .put("pop_p50_ms", percentile(sorted, 0.50)).put("pop_p95_ms", percentile(sorted, 0.95))
          .put("pop_max_ms", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1))
          .put("answered", scenario.getInteger("answered")).put("page_kb", pageKb()).put("browser", false);
    } finally {
      http.close();
      Cli.await(cc.stop(), 60);
    }
  }

  /** Opens one desktop's stream; every pop stops the clock its offer started. */
  private static Future<Void> listen(HttpClient http, String operatorId, String token, Map<String, Long> offeredAt,
      List<Double> latencies) {
    StringBuilder pending = new StringBuilder();
    return http.request(HttpMethod.GET, "/api/desktop/stream?access_token=" + token)
        .compose(req -> req.send())
        .map(resp -> {
          if (resp.statusCode() != 200) {
            throw new IllegalStateException("stream of " + operatorId + " refused: " + resp.statusCode());
          }
          resp.handler((Buffer chunk) -> {
            long now = System.nanoTime();
            pending.append(chunk.toString());
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
              String event = pending.substring(0, end);
              pending.delete(0, end + 2);
              if (event.startsWith("event: pop\ndata: ")) {
                String callId = new JsonObject(event.substring("event: pop\ndata: ".length())).getString("callId");
                Long start = offeredAt.get(operatorId + " " + callId);
                if (start != null) {
                  latencies.add((now - start) / 1e6);
                }
              }
            }
          });
          return null;
        });
  }

  /** Scratch files and free ports, short wrap-ups so the desktops take calls at the scenario's rate. */
  private static Map<String, String> environment(Path data) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_PBX_MODE", "simulator");
    env.put("CC_PBX_AGI_PORT", "0");
    env.put("CC_STORAGE_DATA_DIR", data.toString());
    env.put("CC_IVR_TTS_CACHE_DIR", data.resolve("tts").toString());
    env.put("CC_RECORDINGS_MONITOR_DIR", data.resolve("monitor").toString());
    env.put("CC_RECORDINGS_STORE_DIR", data.resolve("recordings").toString());
    env.put("CC_RECORDINGS_ARCHIVE_DIR", data.resolve("archive").toString());
    for (int line = 0; line < 3; line++) {
      env.put("CC_LINES_" + line + "_WRAP_UP", "1s");
    }
    return env;
  }

  private static ContactCentreConfig withOperators(ContactCentreConfig c, int n) {
    Map<String, Integer> skills = new HashMap<>();
    c.topics().stream().map(TopicConfig::skill).forEach(s -> skills.put(s, 3));
    List<OperatorConfig> operators = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String id = String.format("bench%03d", i);
      operators.add(new OperatorConfig(id, "Bench operator " + i, "PJSIP/" + id, List.of(1, 2, 3), skills));
    }
    return new ContactCentreConfig(c.server(), c.storage(), c.pbx(), c.auth(), c.locale(), c.lines(), c.topics(),
        operators, c.acd(), c.ivr(), c.recordings(), c.notifications(), c.privacy(), c.crm());
  }

  private static double pageKb() {
    long bytes = 0;
    for (String resource : PAGE) {
      try (InputStream in = DesktopBench.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing page resource " + resource);
        }
        bytes += in.readAllBytes().length;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Math.round(bytes / 102.4) / 10.0;
  }

  private static Double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    double v = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    return Math.round(v * 100) / 100.0;
  }
}
