package org.gridcare.server.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard and Prometheus alert rules name only metrics a running server exposes: a server on
 * the simulator takes an answered call and an IVR hang-up (so the per-call meters exist), then every metric name in
 * every PromQL expression of {@code docs/grafana/*.json} and {@code docs/prometheus/*.yml} must be in its /metrics.
 */
@RealServers
class MonitoringFilesTest {
  /** Series Prometheus makes itself, not the server. */
  private static final Set<String> SYNTHETIC = Set.of("up");
  private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset", "inf", "nan");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @Test
  void everyMetricInTheDashboardAndAlertRulesIsExposed(StorageSettings storage) throws Exception {
    List<String> expressions = new ArrayList<>();
    Path docs = TestCentre.repoRoot().resolve("docs");
    try (var files = Files.list(docs.resolve("grafana"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        collect(new ObjectMapper().readTree(f.toFile()), "expr", expressions);
      }
    }
    try (var files = Files.list(docs.resolve("prometheus"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
        collect(new ObjectMapper(new YAMLFactory()).readTree(f.toFile()), "expr", expressions);
      }
    }
    Set<String> used = new TreeSet<>();
    expressions.forEach(e -> used.addAll(metricNames(e)));
    assertThat(used).as("metric names found in the files").contains("acd_queue_waiting", "ivr_sessions_total");

    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      sim.phone("PJSIP/op1001").autoAnswer(true);
      await(cc.acd().acd().login("op1001", "PJSIP/op1001").compose(x -> cc.acd().acd().ready("op1001")));
      SimCall answered = sim.placeCall("+4741800001", "80012345");
      await(answered.awaitNextPrompt());
      await(answered.press("1"));
      await(answered.awaitNextPrompt());
      await(answered.press("9"));
      await(answered.awaitState(CallState.BRIDGED));
      await(answered.hangUp());
      SimCall dropped = sim.placeCall("+4741800002", "80012345");
      await(dropped.awaitNextPrompt());
      await(dropped.hangUp());

      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      TestCentre.eventually("the call's meters are registered", () -> exposed(http).containsAll(
          Set.of("acd_call_handle_seconds_count", "ivr_abandoned_total")));
      Set<String> exposed = exposed(http);
      Set<String> missing = new TreeSet<>(used);
      missing.removeAll(exposed);
      missing.removeAll(SYNTHETIC);
      assertThat(missing).as("metrics named in docs/grafana and docs/prometheus that /metrics does not expose").isEmpty();
    }
  }

  private static Set<String> exposed(WebClient http) throws Exception {
    Set<String> names = new TreeSet<>();
    String body = await(http.get("/metrics").send()).bodyAsString();
    for (String line : body.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        Matcher m = IDENTIFIER.matcher(line);
        if (m.lookingAt()) {
          names.add(m.group());
        }
      }
    }
    return names;
  }

  /** Metric names in a PromQL expression: identifiers outside label matchers, ranges and grouping, not functions. */
  static Set<String> metricNames(String expr) {
    String bare = expr.replaceAll("\"(\\\\.|[^\"])*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> out = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      int next = m.end();
      while (next < bare.length() && bare.charAt(next) == ' ') {
        next++;
      }
      boolean function = next < bare.length() && bare.charAt(next) == '(';
      boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
      if (!function && !number && !PROMQL_WORDS.contains(word.toLowerCase())) {
        out.add(word);
      }
    }
    return out;
  }

  private static void collect(JsonNode node, String field, List<String> into) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals(field) && e.getValue().isTextual()) {
          into.add(e.getValue().asText());
        } else {
          collect(e.getValue(), field, into);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, field, into));
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
