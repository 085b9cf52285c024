package org.gridcare.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded stretch of a day through the whole server on the PBX simulator: callers walk the IVR (some hang up in a
 * menu), queue on lines 1 and 2, are answered by the one ready operator of their line or give up; when the operator
 * hangs up first the caller answers the post-call survey with a seeded score. What the callers saw on the simulator (menu walked, music on hold, bridged, hung up, at which instant) is the ground truth; the
 * reports computed by the server from its journal must equal the figures computed here from that log (counts exactly,
 * times within a second, the service level within the calls that waited within half a second of the target;
 * occupancy: time on call within the talk times plus half a second per call, wrap-up on the ACD's one-second tick).
 */
@RealServers
class ReportCorrectnessTest {
  private static final int CALLS = 24;
  private static final long GAP_MS = 1500;
  private static final Map<Character, Integer> OPERATOR_KEYS = Map.of('1', 1, '2', 1, '0', 1, '3', 2, '4', 2, '6', 2);
  private static final Map<Integer, String> OPERATOR_OF_LINE = Map.of(1, "op1001", 2, "op2001");
  private static final Map<Integer, Integer> SL_SECONDS = Map.of(1, 20, 2, 60);

  enum Kind { OPERATOR, HAZARD, HANG_UP_MAIN_MENU, HANG_UP_OPERATOR_MENU }

  /** One caller's script and what the simulator showed of their call (instants in ms). */
  static final class Caller {
    Kind kind;
    char key;
    int line;
    long patienceMs;
    long talkMs;
    boolean surveyed;
    int score;
    boolean answeredSurvey;
    long talkEnded = -1;
    long placed;
    long queued = -1;
    long bridged = -1;
    long ended = -1;
    boolean gaveUp;
    boolean walked;
  }

  @Test
  void theServersReportsEqualTheSimulatorsGroundTruth(StorageSettings storage, @TempDir Path dir) throws Exception {
    // every line open whatever the hour, short wrap-ups so one operator per line keeps up
    Path file = dir.resolve("contact-centre.yaml");
    Files.writeString(file, Files.readString(TestCentre.repoRoot().resolve("config/contact-centre.yaml"))
        .replaceAll("(?m)^    hours: .*\\n", ""));
    Map<String, String> env = new HashMap<>(TestCentre.environment(storage, TestCentre.newDataDir()));
    for (int i = 0; i < 3; i++) {
      env.put("CC_LINES_" + i + "_WRAP_UP", "1s");
    }
    ContactCentreConfig config = ConfigLoader.load(file, env);
    try (TestCentre centre = TestCentre.start(config)) {
      ContactCentre cc = centre.cc();
      Vertx vertx = cc.vertx();
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      for (String op : OPERATOR_OF_LINE.values()) {
        sim.phone("PJSIP/" + op).autoAnswer(true, java.time.Duration.ofMillis(300));
        await(cc.acd().acd().login(op, "PJSIP/" + op).compose(x -> cc.acd().acd().ready(op)));
      }
      Instant loggedIn = Instant.now();
      Instant from = loggedIn.minusSeconds(1);

      Random random = new Random(20261125);
      List<Caller> callers = new ArrayList<>();
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        Caller c = new Caller();
        int n = i;
        int roll = random.nextInt(100);
        c.kind = roll < 60 ? Kind.OPERATOR : roll < 72 ? Kind.HAZARD : roll < 86 ? Kind.HANG_UP_MAIN_MENU
            : Kind.HANG_UP_OPERATOR_MENU;
        c.key = "120346".charAt(random.nextInt(6));
        c.line = c.kind == Kind.HAZARD ? 1 : OPERATOR_KEYS.get(c.key);
        c.patienceMs = 1000L * (6 + random.nextInt(20)) + 500; // half a second off every abandonment band edge
        c.talkMs = 1000L * (1 + random.nextInt(4));
        c.surveyed = random.nextBoolean(); // the operator hangs up first: the caller gets the post-call survey
        c.score = 1 + random.nextInt(5);
        callers.add(c);
        Promise<Void> p = Promise.promise();
        done.add(p.future());
        vertx.setTimer(1 + i * GAP_MS, t -> walk(vertx, sim, c, n).onComplete(r -> p.complete()));
      }
      Future.join(done).toCompletionStage().toCompletableFuture().get(150, TimeUnit.SECONDS);
      assertThat(callers).allMatch(c -> c.walked && c.ended > 0, "every caller walked the menu and hung up");

      await(cc.authentication().addUser("test", new Identity("boss", Set.of(Role.ADMIN), List.of()), "admin-password-1"));
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      String token = await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "boss")
          .put("password", "admin-password-1"))).bodyAsJsonObject().getString("token");
      Instant to = Instant.now().plusSeconds(1);
      // the journal follows the PBX asynchronously: every answered call has its completion
      long answered = callers.stream().filter(c -> c.bridged > 0).count();
      TestCentre.eventually("every answered call is completed in the journal", () ->
          total(report(http, token, "aht", from, to, "all"), r -> true, "handled") == answered);
      long surveys = callers.stream().filter(c -> c.answeredSurvey).count();
      TestCentre.eventually("every survey answer is journalled", () ->
          total(report(http, token, "satisfaction", from, to, "all"), r -> true, "answers") == surveys);
      TestCentre.eventually("every IVR session is journalled", () ->
          total(report(http, token, "ivr-time", from, to, "all"), r -> true, "sessions") == CALLS);

      JsonArray requests = report(http, token, "requests", from, to, "all");
      JsonArray service = report(http, token, "service", from, to, "all");
      JsonArray aht = report(http, token, "aht", from, to, "all");
      JsonArray nodes = report(http, token, "ivr-nodes", from, to, "all");
      JsonArray ivr = report(http, token, "ivr-time", from, to, "all");
      JsonArray satisfaction = report(http, token, "satisfaction", from, to, "all");
      // occupancy spans end at the query's now() when that is before `to`
      Instant occupancyAsked = Instant.now();
      JsonArray occupancy = report(http, token, "occupancy", from, to, "all");
      Instant occupancyAnswered = Instant.now();
      double rangeMin = (Math.min(to.toEpochMilli(), occupancyAsked.toEpochMilli()) - loggedIn.toEpochMilli()) / 1000.0;
      double rangeMax = (Math.min(to.toEpochMilli(), occupancyAnswered.toEpochMilli()) - from.toEpochMilli()) / 1000.0;

      assertThat(total(requests, r -> true, "inbound")).as("inbound").isEqualTo(CALLS);
      assertThat(total(requests, r -> true, "in_progress")).as("in progress after the day").isZero();
      for (int line : List.of(1, 2)) {
        Predicate<JsonObject> onLine = r -> Integer.valueOf(line).equals(r.getInteger("line"));
        List<Caller> queued = callers.stream().filter(c -> c.line == line
            && (c.kind == Kind.OPERATOR || c.kind == Kind.HAZARD)).toList();
        List<Caller> took = queued.stream().filter(c -> c.bridged > 0).toList();
        List<Caller> gaveUp = queued.stream().filter(c -> c.bridged < 0).toList();
        assertThat(gaveUp).allMatch(c -> c.gaveUp, "only impatient callers leave unanswered");
        String l = "line " + line + ": ";

        assertThat(total(requests, onLine, "routed")).as(l + "routed by the IVR").isEqualTo(queued.size());
        assertThat(total(requests, onLine, "closed_by_operator")).as(l + "closed by an operator").isEqualTo(took.size());
        assertThat(total(service, onLine, "answered")).as(l + "answered").isEqualTo(took.size());
        assertThat(total(service, onLine, "abandoned")).as(l + "abandoned").isEqualTo(gaveUp.size());
        long[] bands = new long[5];
        for (Caller c : gaveUp) {
          long w = c.ended - c.queued;
          bands[w < 10_000 ? 0 : w < 30_000 ? 1 : w < 60_000 ? 2 : w < 120_000 ? 3 : 4]++;
        }
        String[] bandColumns = {"abandoned_under_10s", "abandoned_10_30s", "abandoned_30_60s", "abandoned_60_120s",
            "abandoned_over_120s"};
        for (int b = 0; b < 5; b++) {
          assertThat(total(service, onLine, bandColumns[b])).as(l + bandColumns[b]).isEqualTo(bands[b]);
        }
        long sl = SL_SECONDS.get(line) * 1000L;
        long inTime = took.stream().filter(c -> c.bridged - c.queued <= sl).count();
        long borderline = took.stream().filter(c -> Math.abs(c.bridged - c.queued - sl) < 500).count();
        assertThat(total(service, onLine, "answered_in_time")).as(l + "answered within the target")
            .isBetween(inTime - borderline, inTime + borderline);
        if (!took.isEmpty()) {
          double asa = took.stream().mapToLong(c -> c.bridged - c.queued).average().orElseThrow() / 1000.0;
          assertThat(one(service, onLine).getDouble("asa_s")).as(l + "ASA").isCloseTo(asa, within(1.0));
          double talk = took.stream().mapToLong(c -> c.talkEnded - c.bridged).average().orElseThrow() / 1000.0;
          JsonObject op = one(aht, onLine);
          assertThat(op.getString("operator")).isEqualTo(OPERATOR_OF_LINE.get(line));
          assertThat(op.getLong("handled")).isEqualTo(took.size());
          assertThat(op.getDouble("avg_talk_s")).as(l + "talk time").isCloseTo(talk, within(1.0));
          assertThat(op.getDouble("aht_s")).as(l + "AHT = talk + the 1 s wrap-up").isCloseTo(talk + 1.0, within(1.0));
          List<Caller> surveyed = took.stream().filter(c -> c.answeredSurvey).toList();
          assertThat(surveyed).as(l + "some callers answer the survey").isNotEmpty();
          JsonObject sat = one(satisfaction, onLine);
          assertThat(sat.getString("operator")).isEqualTo(OPERATOR_OF_LINE.get(line));
          assertThat(sat.getLong("answers")).as(l + "survey answers").isEqualTo(surveyed.size());
          assertThat(sat.getDouble("avg_score")).as(l + "average score").isCloseTo(
              surveyed.stream().mapToInt(c -> c.score).average().orElseThrow(), within(0.005));
          for (int score = 1; score <= 5; score++) {
            int s = score;
            assertThat(sat.getLong("score_" + s)).isEqualTo(surveyed.stream().filter(c -> c.score == s).count());
          }

          // occupancy: the operator was logged in the whole range, talking for exactly the callers' talk times, each
          // call followed by the 1 s wrap-up (which ends on the ACD's one-second tick: 1 to 2 s)
          JsonObject occ = one(occupancy, r -> OPERATOR_OF_LINE.get(line).equals(r.getString("operator")));
          double talkSum = took.stream().mapToLong(c -> c.talkEnded - c.bridged).sum() / 1000.0;
          double busy = occ.getDouble("reserved_s") + occ.getDouble("on_call_s") + occ.getDouble("wrap_up_s");
          double present = busy + occ.getDouble("ready_s");
          assertThat(present + occ.getDouble("not_ready_s")).as(l + "time logged in = the range")
              .isBetween(rangeMin - 0.1, rangeMax + 0.1);
          assertThat(occ.getDouble("on_call_s")).as(l + "time on call = the callers' talk")
              .isBetween(talkSum - 0.2, talkSum + 0.5 * took.size());
          // (the last call's wrap-up may still be running when the report is asked: its span then ends at now())
          assertThat(occ.getDouble("wrap_up_s")).as(l + "wrap-up").isBetween(took.size() - 1.2, 2.0 * took.size() + 0.2);
          // from the state times as shown (each rounded to 0.1 s), so within half a percentage point
          assertThat(occ.getDouble("occupancy_pct")).as(l + "occupancy").isCloseTo(100.0 * busy / present, within(0.5));
          assertThat(occ.getDouble("occupancy_pct")).as(l + "occupancy at least talk and wrap-up over the range")
              .isGreaterThanOrEqualTo(100.0 * (talkSum + took.size()) / rangeMax - 1.0);
        }
      }
      long routed = callers.stream().filter(c -> c.kind == Kind.OPERATOR || c.kind == Kind.HAZARD).count();
      assertThat(one(ivr, r -> "transferred".equals(r.getString("ending"))).getLong("sessions")).isEqualTo(routed);
      assertThat(one(ivr, r -> "abandoned".equals(r.getString("ending"))).getLong("sessions")).isEqualTo(CALLS - routed);
      assertThat(total(nodes, r -> "main-menu".equals(r.getString("node")), "drop_offs"))
          .isEqualTo(callers.stream().filter(c -> c.kind == Kind.HANG_UP_MAIN_MENU).count());
      assertThat(total(nodes, r -> "operator-menu".equals(r.getString("node")), "drop_offs"))
          .isEqualTo(callers.stream().filter(c -> c.kind == Kind.HANG_UP_OPERATOR_MENU).count());

      // the same facts cut into 15-minute intervals add up to the same totals
      JsonArray quarters = report(http, token, "service", from, to, "15m");
      assertThat(total(quarters, r -> true, "answered")).isEqualTo(total(service, r -> true, "answered"));
      assertThat(total(quarters, r -> true, "abandoned")).isEqualTo(total(service, r -> true, "abandoned"));
    }
  }

  /** Walks one caller's script on the simulator, noting the instants the caller observed. */
  private static Future<Void> walk(Vertx vertx, PbxSimulator sim, Caller c, int n) {
    SimCall call = sim.placeCall(String.format("+4741900%03d", n), "80012345");
    c.placed = System.currentTimeMillis();
    Future<Void> walk = call.awaitNextPrompt().compose(p -> call.press("1"));        // language: English
    if (c.kind == Kind.HAZARD) {
      walk = walk.compose(v -> call.awaitNextPrompt()).compose(p -> call.press("9")); // welcome: danger to life
    } else {
      walk = walk.compose(v -> call.awaitNextPrompt())                                // welcome
          .compose(p -> call.awaitNextPrompt()).compose(p -> call.press("0"))         // no customer number
          .compose(v -> call.awaitNextPrompt()).mapEmpty();                           // main menu
      walk = c.kind == Kind.HANG_UP_MAIN_MENU ? walk.compose(p -> call.hangUp())
          : walk.compose(p -> call.press("4")).compose(v -> call.awaitNextPrompt())  // operator menu
              .compose(p -> c.kind == Kind.HANG_UP_OPERATOR_MENU ? call.hangUp() : call.press(String.valueOf(c.key)));
    }
    Promise<Void> over = Promise.promise();
    call.awaitState(CallState.HUNG_UP).onComplete(r -> {
      c.ended = System.currentTimeMillis();
      over.tryComplete();
    });
    walk.onSuccess(v -> {
      c.walked = true;
      if (c.kind != Kind.OPERATOR && c.kind != Kind.HAZARD) {
        return;
      }
      call.awaitMusicOnHold(true).onSuccess(x -> queued(vertx, call, c));
      call.awaitState(CallState.BRIDGED).onSuccess(x -> {
        c.bridged = System.currentTimeMillis();
        if (c.queued < 0) {
          c.queued = c.bridged; // answered before the hold music started
        }
        vertx.setTimer(c.talkMs, t -> {
          c.talkEnded = System.currentTimeMillis();
          if (!c.surveyed) {
            call.hangUp();
            return;
          }
          Future<String> question = call.awaitNextPrompt();
          sim.phone("PJSIP/" + OPERATOR_OF_LINE.get(c.line)).hangUp();
          question.compose(p -> call.press(String.valueOf(c.score))).onSuccess(pressed -> c.answeredSurvey = true);
        });
      });
    }).onFailure(e -> over.tryFail(e));
    return over.future();
  }

  private static void queued(Vertx vertx, SimCall call, Caller c) {
    if (c.queued >= 0) {
      return;
    }
    c.queued = System.currentTimeMillis();
    vertx.setTimer(c.patienceMs, t -> {
      if (c.bridged < 0 && call.state() != CallState.HUNG_UP) {
        c.gaveUp = true;
        call.hangUp();
      }
    });
  }

  private static JsonArray report(WebClient http, String token, String report, Instant from, Instant to, String interval)
      throws Exception {
    var r = await(http.get("/api/reports/" + report).addQueryParam("from", from.toString())
        .addQueryParam("to", to.toString()).addQueryParam("interval", interval).bearerTokenAuthentication(token).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("rows");
  }

  private static long total(JsonArray rows, Predicate<JsonObject> which, String column) {
    return rows.stream().map(JsonObject.class::cast).filter(which)
        .mapToLong(r -> r.getValue(column) == null ? 0 : r.getLong(column)).sum();
  }

  private static JsonObject one(JsonArray rows, Predicate<JsonObject> which) {
    List<JsonObject> found = rows.stream().map(JsonObject.class::cast).filter(which).toList();
    assertThat(found).as(rows.encodePrettily()).hasSize(1);
    return found.get(0);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
