package org.gridcare.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.MeteringPoint;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimPhone;
import org.gridcare.pbxsim.engine.Greeting;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follow-up reports over a seeded stretch of a day through the whole server on the PBX simulator, each compared
 * with figures computed here from what the simulated parties did (never from the journal or the database):
 * <ul>
 *   <li>aht-after-transfer: callers answered on one line and handed by their operator to the other line's queue from
 *       the desktop API (blind 1 → 2, attended 2 → 1), talking there for a seeded time;</li>
 *   <li>tickets and complaints: fault reports registered by known callers in the IVR and tickets opened by operators
 *       through the CRM API (complaints and suggestions among them), moved along a seeded walk through the workflow
 *       by the operators, each move's instant bracketed by the request and its response;</li>
 *   <li>notifications: an outage over customers with mobiles (SMS to a Twilio stand-in, whose delivery reports the
 *       test then posts signed, delivered or not as seeded) and landlines answered by a person, a machine or nobody;</li>
 *   <li>callbacks: line-2 callers booking a callback while nobody is ready, then called back, some answering and some
 *       declining every attempt (which no report counts as a handled or closed call).</li>
 * </ul>
 */
@RealServers
class FollowUpReportCorrectnessTest {
  private static final String TOKEN = "report-test-token";
  private static final String ACCOUNT = "AC00000000000000000000000000000000";
  private static final int TRANSFERS = 4;
  private static final int OPERATOR_TICKETS = 10;
  private static final int FAULT_CALLERS = 3;
  private static final int CALLBACKS = 3;
  private static final List<String> TOPICS = List.of("complaint", "suggestion", "billing", "meter-fault", "complaint");
  private static final long WRAP_UP_MS = 1000;

  /** A caller handed from one line to the other; instants in ms as the caller saw them. */
  static final class Transferred {
    int fromLine;
    long firstTalkMs;
    long secondTalkMs;
    long rebridged = -1;
    long ended = -1;
  }

  /** One workflow move (or the creation) of a ticket: the server's instant lies in [lo, hi]. */
  record Move(int line, String from, String to, long lo, long hi) {}

  /** One ticket's life as the operators drove it. */
  static final class TicketLife {
    long id;
    String topic;
    int line;
    String status = "new";
    final List<Move> moves = new ArrayList<>();
  }

  @Test
  void ticketsComplaintsCallbacksNotificationsAndTransfersAreReportedAsTheyHappened(StorageSettings storage,
      @TempDir Path dir) throws Exception {
    Vertx side = Vertx.vertx(); // the Twilio stand-in lives outside the centre
    List<JsonObject> texts = new CopyOnWriteArrayList<>();
    HttpServer twilio = twilioStandIn(side, texts);
    try (TestCentre centre = TestCentre.start(config(storage, dir, twilio.actualPort()))) {
      ContactCentre cc = centre.cc();
      Vertx vertx = cc.vertx();
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      Random random = new Random(20261126);
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));

      // the notifications' customers: mobiles get an SMS, landlines a call answered by a person, a machine, nobody
      List<String> mobiles = List.of("+4791800001", "+4791800002", "+4791800003", "+4791800004", "+4791800005");
      String person = "+4722800001";
      String machine = "+4722800002";
      String nobody = "+4722800003";
      Map<String, AtomicInteger> rings = new ConcurrentHashMap<>();
      List<SimCall> voiceCalls = new CopyOnWriteArrayList<>();
      for (String landline : List.of(person, machine, nobody)) {
        SimPhone phone = sim.external(landline).onRinging(call -> {
          rings.computeIfAbsent(landline, n -> new AtomicInteger()).incrementAndGet();
          voiceCalls.add(call);
        });
        if (landline.equals(nobody)) {
          phone.noAnswer();
        } else {
          phone.answeredBy(landline.equals(person) ? Greeting.PERSON : Greeting.MACHINE, Duration.ofMillis(200));
        }
      }
      Map<String, Boolean> delivered = new HashMap<>();
      for (String m : mobiles) {
        delivered.put(m, random.nextInt(3) > 0);
      }
      assertThat(delivered).containsValues(true, false);

      for (String op : List.of("op1001", "op2001")) {
        sim.phone("PJSIP/" + op).autoAnswer(true, Duration.ofMillis(300));
      }
      // line 2's operator logs in not ready: callers queue there and book callbacks until they are
      await(cc.acd().acd().login("op1001", "PJSIP/op1001").compose(x -> cc.acd().acd().ready("op1001")));
      await(cc.acd().acd().login("op2001", "PJSIP/op2001"));
      Instant from = Instant.now().minusSeconds(1);

      // callers book callbacks on line 2 first
      List<Boolean> keeps = new ArrayList<>();
      Map<String, AtomicInteger> callbackRings = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> callbackAnswers = new ConcurrentHashMap<>();
      List<Future<Void>> booked = new ArrayList<>();
      for (int i = 0; i < CALLBACKS; i++) {
        boolean keep = i == 0 || (i > 1 && random.nextBoolean());
        keeps.add(keep);
        String number = callbackNumber(i);
        SimPhone phone = sim.external(number);
        phone.onRinging(call -> {
          callbackRings.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
          if (keep) {
            call.awaitState(CallState.UP).onSuccess(up -> {
              callbackAnswers.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
              vertx.setTimer(800, x -> call.hangUp());
            });
          } else {
            phone.reject(); // declines at once
          }
        });
        phone.autoAnswer(keep, Duration.ofMillis(200));
        booked.add(delay(vertx, 1 + i * 800L).compose(v -> bookCallback(sim, number)));
      }

      // meanwhile: the sample customers (the fault reporters), then the outage's; the users signed in
      Map<String, String> tokens = new ConcurrentHashMap<>();
      List<Future<?>> setUp = new ArrayList<>();
      setUp.add(cc.crm().loadSampleData(20).compose(n -> importCustomers(cc, 7000, List.of(mobiles.get(0),
          mobiles.get(1), mobiles.get(2), mobiles.get(3), mobiles.get(4), person, machine, nobody))));
      setUp.add(signIn(cc, http, "boss", Set.of(Role.ADMIN), List.of()).onSuccess(t -> tokens.put("boss", t)));
      for (int line = 1; line <= 3; line++) {
        String op = operatorOf(line);
        setUp.add(signIn(cc, http, op, Set.of(Role.AGENT), List.of(line)).onSuccess(t -> tokens.put(op, t)));
      }
      await(Future.all(setUp));

      // then all at once: transfers, fault reports, operators' tickets, the outage
      List<Transferred> transfers = new ArrayList<>();
      List<Future<Void>> day = new ArrayList<>();
      for (int i = 0; i < TRANSFERS; i++) {
        Transferred t = new Transferred();
        t.fromLine = 1 + i % 2;
        t.firstTalkMs = 500L + random.nextInt(1000);
        t.secondTalkMs = 1000L * (1 + random.nextInt(3)) + random.nextInt(1000);
        transfers.add(t);
        String number = String.format("+4741901%03d", i);
        day.add(delay(vertx, 1 + i * 2500L).compose(v -> transfer(vertx, sim, http, tokens, t, number)));
      }
      List<TicketLife> tickets = new CopyOnWriteArrayList<>();
      for (int i = 0; i < FAULT_CALLERS; i++) {
        String number = mobile(2 + i * 5);
        long work = 300L + random.nextInt(1200);
        long resolve = 300L + random.nextInt(1200);
        day.add(delay(vertx, 500 + i * 3000L).compose(v -> faultReport(cc, vertx, sim, http, tokens, number, work,
            resolve, tickets)));
      }
      for (int i = 0; i < OPERATOR_TICKETS; i++) {
        TicketLife t = new TicketLife();
        t.topic = TOPICS.get(random.nextInt(TOPICS.size()));
        t.line = 1 + random.nextInt(2);
        tickets.add(t);
        List<String> walk = walk(random);
        List<Long> dwell = walk.stream().map(s -> 300L + random.nextInt(1500)).toList();
        day.add(delay(vertx, 200 + i * 700L).compose(v -> openAndWork(vertx, http, tokens, t, walk, dwell)));
      }
      Outage outage = await(cc.notifications().outages().report(new ReportOutage(
          new Area(Set.of("Report-7000"), Set.of(), Set.of()), "a fallen tree", null, null, "oms", "OMS-REPORT-1")));
      settled(booked, 90);
      assertThat(keeps).contains(true, false);
      await(cc.acd().acd().ready("op2001"));
      settled(day, 120);

      // Twilio reports each text's fate to the status callback the centre gave it
      TestCentre.eventually("every SMS reached Twilio", () -> texts.size() == mobiles.size());
      for (JsonObject text : texts) {
        Map<String, String> form = Map.of("MessageSid", text.getString("sid"), "MessageStatus",
            delivered.get(text.getString("to")) ? "delivered" : "undelivered", "To", text.getString("to"),
            "AccountSid", ACCOUNT);
        String url = text.getString("callback");
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        String pathAndQuery = url.substring(url.indexOf("/api/"));
        assertThat(await(http.post(pathAndQuery).putHeader("X-Twilio-Signature", sign(url, form)).sendForm(body))
            .statusCode()).isEqualTo(204);
      }
      TestCentre.eventually("every notification call is over", () -> {
        JsonArray campaigns = get(http, tokens.get("boss"), "/api/notifications/outages/" + outage.id() + "/campaigns")
            .bodyAsJsonArray();
        JsonObject calls = campaigns.getJsonObject(0).getJsonObject("calls");
        return campaigns.size() == 1 && !calls.isEmpty() && !calls.containsKey("PENDING") && !calls.containsKey("CALLING")
            && voiceCalls.stream().allMatch(c -> c.state() == CallState.HUNG_UP);
      });
      // a declined callback is tried three times in all (the ACD's rule), each from the queue's end
      TestCentre.eventually("every callback was made", () -> {
        for (int i = 0; i < CALLBACKS; i++) {
          int rang = callbackRings.getOrDefault(callbackNumber(i), new AtomicInteger()).get();
          if (keeps.get(i) ? callbackAnswers.getOrDefault(callbackNumber(i), new AtomicInteger()).get() == 0 : rang < 3) {
            return false;
          }
          if (sim.external(callbackNumber(i)).currentCall().isPresent()) {
            return false;
          }
        }
        return sim.phone("PJSIP/op2001").currentCall().isEmpty();
      });
      Instant to = Instant.now().plusSeconds(1);
      String boss = tokens.get("boss");

      // --- aht-after-transfer: the completions on the line they were handed to
      TestCentre.eventually("every transferred call is completed", () -> total(report(http, boss,
          "aht-after-transfer", from, to), r -> true, "handled") == TRANSFERS);
      JsonArray afterTransfer = report(http, boss, "aht-after-transfer", from, to);
      for (int line : List.of(1, 2)) {
        List<Transferred> handed = transfers.stream().filter(t -> t.fromLine == line).toList();
        assertThat(handed).as("callers handed over from line " + line).isNotEmpty();
        JsonObject row = one(afterTransfer, r -> Integer.valueOf(line).equals(r.getInteger("from_line")));
        assertThat(row.getInteger("line")).isEqualTo(3 - line);
        assertThat(row.getLong("handled")).isEqualTo(handed.size());
        // the talk there as the caller had it (bridged again until they hung up) plus the line's 1 s wrap-up
        double aht = handed.stream().mapToLong(t -> t.ended - t.rebridged + WRAP_UP_MS).average().orElseThrow() / 1000;
        assertThat(row.getDouble("aht_s")).as("AHT on line " + (3 - line) + " after a transfer from line " + line)
            .isCloseTo(aht, within(1.0));
      }

      // --- tickets: every move counted by line, from and to state; time in the state left within the brackets
      TestCentre.eventually("every ticket move is reported", () -> total(report(http, boss, "tickets", from, to),
          r -> true, "transitions") == tickets.stream().mapToLong(t -> t.moves.size()).sum());
      JsonArray ticketRows = report(http, boss, "tickets", from, to);
      Map<String, List<double[]>> expected = new TreeMap<>();
      for (TicketLife t : tickets) {
        for (int m = 0; m < t.moves.size(); m++) {
          Move mv = t.moves.get(m);
          double[] span = m == 0 ? null : new double[] {(mv.lo - t.moves.get(m - 1).hi) / 1000.0,
              (mv.hi - t.moves.get(m - 1).lo) / 1000.0};
          expected.computeIfAbsent(mv.line + " " + mv.from + " " + mv.to, k -> new ArrayList<>()).add(span);
        }
      }
      assertThat(ticketRows.size()).as(ticketRows.encodePrettily()).isEqualTo(expected.size());
      for (var e : expected.entrySet()) {
        String[] key = e.getKey().split(" ");
        JsonObject row = one(ticketRows, r -> key[0].equals(String.valueOf(r.getInteger("line")))
            && key[1].equals(r.getString("from_state")) && key[2].equals(r.getString("to_state")));
        assertThat(row.getLong("transitions")).as(e.getKey()).isEqualTo(e.getValue().size());
        if (key[1].equals("(created)")) {
          assertThat(row.getValue("avg_s_in_from_state")).as(e.getKey()).isNull();
          continue;
        }
        double lo = e.getValue().stream().mapToDouble(s -> s[0]).average().orElseThrow();
        double hi = e.getValue().stream().mapToDouble(s -> s[1]).average().orElseThrow();
        assertThat(row.getDouble("avg_s_in_from_state")).as(e.getKey() + " average time in " + key[1])
            .isBetween(lo - 0.05, hi + 0.05);
        double maxLo = e.getValue().stream().mapToDouble(s -> s[0]).max().orElseThrow();
        double maxHi = e.getValue().stream().mapToDouble(s -> s[1]).max().orElseThrow();
        assertThat(row.getDouble("max_s_in_from_state")).as(e.getKey() + " longest time in " + key[1])
            .isBetween(maxLo - 0.05, maxHi + 0.05);
      }

      // --- complaints and suggestions register: by line, topic and the status the operators left them in
      JsonArray register = report(http, boss, "complaints", from, to);
      Map<String, Long> byKey = new TreeMap<>();
      for (TicketLife t : tickets) {
        if (Set.of("complaint", "suggestion").contains(t.topic)) {
          byKey.merge(t.line + " " + t.topic + " " + t.status, 1L, Long::sum);
        }
      }
      assertThat(byKey.keySet()).as("complaints and suggestions were filed").anyMatch(k -> k.contains("complaint"))
          .anyMatch(k -> k.contains("suggestion"));
      assertThat(register.size()).as(register.encodePrettily()).isEqualTo(byKey.size());
      for (var e : byKey.entrySet()) {
        String[] key = e.getKey().split(" ");
        JsonObject row = one(register, r -> key[0].equals(String.valueOf(r.getInteger("line")))
            && key[1].equals(r.getString("topic")) && key[2].equals(r.getString("status")));
        assertThat(row.getLong("tickets")).as(e.getKey()).isEqualTo(e.getValue());
        boolean open = !Set.of("resolved", "closed", "cancelled").contains(key[2]);
        assertThat(row.getLong("open")).as(e.getKey() + " open").isEqualTo(open ? e.getValue() : 0);
        // worked within seconds: resolved ones took 0.0 hours, open ones have no resolution time
        assertThat(row.getValue("avg_hours_to_resolve")).as(e.getKey() + " hours to resolve")
            .isEqualTo(Set.of("resolved", "closed").contains(key[2]) ? (Object) 0.0 : null);
      }

      // --- notifications of the outage: SMS as Twilio reported them, calls as the phones took them
      JsonObject notified = one(report(http, boss, "notifications", from, to),
          r -> outage.id().toString().equals(r.getString("outage")));
      long deliveredCount = delivered.values().stream().filter(d -> d).count();
      assertThat(notified.getLong("campaigns")).isEqualTo(1);
      assertThat(notified.getLong("sms_sent")).isEqualTo(mobiles.size());
      assertThat(notified.getLong("sms_delivered")).isEqualTo(deliveredCount);
      assertThat(notified.getLong("sms_undelivered")).isEqualTo(mobiles.size() - deliveredCount);
      assertThat(notified.getLong("sms_failed")).isZero();
      assertThat(notified.getLong("voice_attempts")).as("every ring of a landline")
          .isEqualTo(rings.values().stream().mapToLong(AtomicInteger::get).sum());
      assertThat(notified.getLong("voice_answered")).isEqualTo(1);
      assertThat(notified.getLong("voice_machine")).isEqualTo(1);
      assertThat(notified.getLong("voice_failed")).as("the landline nobody answers").isEqualTo(1);

      // --- callbacks: booked, made (every ring), kept (answered), missed (declined rings)
      long made = callbackRings.values().stream().mapToLong(AtomicInteger::get).sum();
      long kept = callbackAnswers.values().stream().mapToLong(AtomicInteger::get).sum();
      TestCentre.eventually("every callback attempt is reported", () -> total(report(http, boss, "callbacks", from, to),
          r -> true, "dialled") == made);
      JsonObject callbacks = one(report(http, boss, "callbacks", from, to), r -> true);
      assertThat(callbacks.getInteger("line")).isEqualTo(2);
      assertThat(callbacks.getLong("requested")).isEqualTo(CALLBACKS);
      assertThat(callbacks.getLong("dialled")).isEqualTo(made);
      assertThat(callbacks.getLong("kept")).isEqualTo(kept).isEqualTo(keeps.stream().filter(k -> k).count());
      assertThat(callbacks.getLong("missed_attempts")).isEqualTo(made - kept);

      // outbound requests: every callback attempt and every notification call attempt
      JsonArray requests = report(http, boss, "requests", from, to);
      long voiceRings = rings.values().stream().mapToLong(AtomicInteger::get).sum();
      assertThat(total(requests, r -> true, "outbound")).as("outbound requests").isEqualTo(made + voiceRings);
      // conversations an operator ended: the transferred callers on the line they were handed to, the callbacks
      // the customer answered; a declined callback attempt is none
      JsonArray aht = report(http, boss, "aht", from, to);
      for (int line : List.of(1, 2)) {
        long talks = transfers.stream().filter(t -> t.fromLine == 3 - line).count() + (line == 2 ? kept : 0);
        Predicate<JsonObject> onLine = r -> Integer.valueOf(line).equals(r.getInteger("line"));
        assertThat(total(requests, onLine, "closed_by_operator")).as("line " + line + " closed by an operator")
            .isEqualTo(talks);
        assertThat(one(aht, onLine).getLong("handled")).as("calls handled by " + operatorOf(line)).isEqualTo(talks);
      }
    } finally {
      side.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /**
   * One caller answered on {@code t.fromLine}, handed by their operator to the other line's queue (blind from line 1,
   * attended from line 2), answered there and hanging up after {@code t.secondTalkMs}.
   */
  private static Future<Void> transfer(Vertx vertx, PbxSimulator sim, WebClient http, Map<String, String> tokens,
      Transferred t, String number) {
    SimCall call = sim.placeCall(number, "80012345");
    Future<Void> walk = call.awaitNextPrompt().compose(p -> call.press("1"));
    walk = t.fromLine == 1
        ? walk.compose(v -> call.awaitNextPrompt()).compose(p -> call.press("9"))   // welcome: danger to life, line 1
        : walk.compose(v -> call.awaitNextPrompt())                                 // welcome
            .compose(p -> call.awaitNextPrompt()).compose(p -> call.press("0"))      // no customer number
            .compose(v -> call.awaitNextPrompt()).compose(p -> call.press("4"))      // main menu: an operator
            .compose(v -> call.awaitNextPrompt()).compose(p -> call.press("4"));     // grid connection, line 2
    String token = tokens.get(operatorOf(t.fromLine));
    String topic = t.fromLine == 1 ? "grid-connection" : "outage";
    return walk.compose(v -> call.awaitState(CallState.BRIDGED))
        .compose(v -> delay(vertx, t.firstTalkMs))
        .compose(v -> post(http, token, "/api/desktop/call/transfer", new JsonObject().put("topic", topic)
            .put("attended", t.fromLine == 2)))
        .compose(r -> t.fromLine == 2
            ? post(http, token, "/api/desktop/call/transfer/complete", new JsonObject())
            : Future.succeededFuture(r))
        .compose(r -> {
          if (call.state() == CallState.BRIDGED) {
            return Future.failedFuture("the caller is still bridged to the first operator after the transfer");
          }
          return call.awaitState(CallState.BRIDGED);
        })
        .compose(v -> {
          t.rebridged = System.currentTimeMillis();
          return delay(vertx, t.secondTalkMs);
        })
        .compose(v -> {
          t.ended = System.currentTimeMillis();
          return call.hangUp();
        });
  }

  /**
   * A known customer reports a fault in the IVR (a ticket on line 1, created between their key and the next prompt);
   * then line 1's operator finds it on the caller's card, works on it after {@code work} ms and resolves it after
   * {@code resolve} ms more.
   */
  private static Future<Void> faultReport(ContactCentre cc, Vertx vertx, PbxSimulator sim, WebClient http,
      Map<String, String> tokens, String number, long work, long resolve, List<TicketLife> tickets) {
    TicketLife t = new TicketLife();
    t.topic = "outage";
    t.line = 1;
    String token = tokens.get("op1001");
    SimCall call = sim.placeCall(number, "80012345");
    long[] pressed = new long[1];
    return call.awaitNextPrompt().compose(p -> call.press("1"))
        .compose(v -> staticPrompt(cc, "main-menu")).compose(menu -> call.awaitPrompt(menu))
        .compose(p -> {
          pressed[0] = System.currentTimeMillis();
          Future<String> next = call.awaitNextPrompt();
          return call.press("1").compose(v -> next);
        })
        .compose(registered -> {
          t.moves.add(new Move(1, "(created)", "new", pressed[0], System.currentTimeMillis()));
          return call.awaitState(CallState.HUNG_UP).recover(e -> call.state() == CallState.HUNG_UP
              ? Future.succeededFuture() : Future.failedFuture(e));
        })
        .compose(v -> post(http, token, "/api/crm/screen-pop", new JsonObject().put("phone", number)))
        .compose(card -> {
          JsonArray open = card.getJsonArray("openTickets");
          if (open.size() != 1) {
            return Future.failedFuture("one open ticket expected on the card: " + card.encode());
          }
          t.id = open.getJsonObject(0).getLong("id");
          tickets.add(t);
          return delay(vertx, work);
        })
        .compose(v -> move(http, tokens, t, "in-progress"))
        .compose(v -> delay(vertx, resolve))
        .compose(v -> move(http, tokens, t, "resolved"));
  }

  /** An operator opens a ticket through the CRM API, then moves it along {@code walk}, dwelling before each move. */
  private static Future<Void> openAndWork(Vertx vertx, WebClient http, Map<String, String> tokens, TicketLife t,
      List<String> walk, List<Long> dwell) {
    long lo = System.currentTimeMillis();
    Future<Void> done = post(http, tokens.get(operatorOf(t.line)), "/api/crm/tickets", new JsonObject().put("topic", t.topic)
        .put("subject", "Seeded " + t.topic).put("line", t.line)).map(created -> {
          t.id = created.getLong("id");
          t.moves.add(new Move(t.line, "(created)", "new", lo, System.currentTimeMillis()));
          return null;
        });
    for (int i = 0; i < walk.size(); i++) {
      String to = walk.get(i);
      long wait = dwell.get(i);
      done = done.compose(v -> delay(vertx, wait)).compose(v -> move(http, tokens, t, to));
    }
    return done;
  }

  /** The ticket's line's operator moves it; an escalated ticket goes to line 3 (technical departments). */
  private static Future<Void> move(WebClient http, Map<String, String> tokens, TicketLife t, String to) {
    long lo = System.currentTimeMillis();
    return post(http, tokens.get(operatorOf(t.line)), "/api/crm/tickets/" + t.id + "/transitions",
        new JsonObject().put("to", to)).map(r -> {
      if (to.equals("escalated")) {
        t.line = 3;
      }
      t.moves.add(new Move(t.line, t.status, to, lo, System.currentTimeMillis()));
      t.status = to;
      return null;
    });
  }

  /** A seeded walk from {@code new} through the workflow (as the ticket statuses allow), up to four moves. */
  private static List<String> walk(Random random) {
    Map<String, List<String>> next = Map.of(
        "new", List.of("in-progress", "in-progress", "escalated", "resolved", "cancelled"),
        "in-progress", List.of("waiting", "escalated", "resolved", "resolved"),
        "waiting", List.of("in-progress", "resolved"),
        "escalated", List.of("in-progress", "resolved"),
        "resolved", List.of("closed", "closed", "in-progress"));
    List<String> walk = new ArrayList<>();
    String at = "new";
    int moves = random.nextInt(5);
    for (int i = 0; i < moves && next.containsKey(at); i++) {
      List<String> options = next.get(at);
      at = options.get(random.nextInt(options.size()));
      walk.add(at);
    }
    return walk;
  }

  /** An unknown caller queues on line 2, waits for the callback offer and books it; the PBX then hangs up. */
  private static Future<Void> bookCallback(PbxSimulator sim, String number) {
    SimCall call = sim.placeCall(number, "80012345");
    return call.awaitNextPrompt().compose(p -> call.press("1"))                      // language: English
        .compose(v -> call.awaitNextPrompt())                                        // welcome
        .compose(p -> call.awaitNextPrompt()).compose(p -> call.press("0"))         // no customer number
        .compose(v -> call.awaitNextPrompt()).compose(p -> call.press("4"))         // main menu: an operator
        .compose(v -> call.awaitNextPrompt()).compose(p -> call.press("4"))         // grid connection, line 2
        .compose(v -> call.awaitPrompt("cc-callback-offer")).compose(p -> call.press("1"))
        .compose(v -> call.awaitPrompt("cc-callback-booked"))
        .compose(p -> call.awaitState(CallState.HUNG_UP).recover(e -> call.state() == CallState.HUNG_UP
            ? Future.succeededFuture() : Future.failedFuture(e)));
  }

  private static String callbackNumber(int i) {
    return String.format("+4741902%03d", i);
  }

  /** Waits for every future (up to {@code seconds}) and fails on the first that failed. */
  private static void settled(List<Future<Void>> futures, int seconds) throws Exception {
    Future.join(futures).toCompletionStage().handle((v, e) -> null).toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    for (Future<Void> f : futures) {
      assertThat(f.succeeded()).as(String.valueOf(f.cause())).isTrue();
    }
  }

  private static String operatorOf(int line) {
    return "op" + line + "001";
  }

  /** A sample customer's mobile (the CRM's sample data numbers them so). */
  private static String mobile(int customer) {
    return String.format("+479%07d", 1_000_000 + customer * 13);
  }

  private static Future<String> staticPrompt(ContactCentre cc, String id) {
    String text = cc.ivr().menu().get().promptText("en", id).orElseThrow();
    return cc.ivr().speech().render("en", text).map(wav -> {
      String s = wav.toString();
      return s.endsWith(".wav") ? s.substring(0, s.length() - 4) : s;
    });
  }

  private static Future<Void> delay(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(Math.max(1, ms), t -> p.complete());
    return p.future();
  }

  private static Future<String> signIn(ContactCentre cc, WebClient http, String user, Set<Role> roles,
      List<Integer> lines) {
    return cc.authentication().addUser("test", new Identity(user, roles, lines), "report-password-1")
        .compose(u -> http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", user)
            .put("password", "report-password-1")))
        .map(r -> r.bodyAsJsonObject().getString("token"));
  }

  private static Future<JsonObject> post(WebClient http, String token, String path, JsonObject body) {
    return http.post(path).bearerTokenAuthentication(token).sendJsonObject(body).compose(r -> r.statusCode() / 100 == 2
        ? Future.succeededFuture(r.bodyAsJsonObject())
        : Future.failedFuture("POST " + path + " → " + r.statusCode() + " " + r.bodyAsString()));
  }

  private static HttpResponse<io.vertx.core.buffer.Buffer> get(WebClient http, String token, String path)
      throws Exception {
    var r = await(http.get(path).bearerTokenAuthentication(token).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r;
  }

  private static JsonArray report(WebClient http, String token, String report, Instant from, Instant to)
      throws Exception {
    var r = await(http.get("/api/reports/" + report).addQueryParam("from", from.toString())
        .addQueryParam("to", to.toString()).addQueryParam("interval", "all").bearerTokenAuthentication(token).send());
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

  /** Customers with one consenting number each (mobiles by their +479 prefix), supplied from Report-{first}. */
  private static Future<Void> importCustomers(ContactCentre cc, int first, List<String> numbers) {
    Random rnd = new Random(first);
    StringBuilder csv = new StringBuilder(CustomerCsv.header()).append('\n');
    for (int i = 0; i < numbers.size(); i++) {
      Address address = new Address("Fjellveien " + (i + 1), "0485", "Oslo",
          new GridLocation("OSLO-NORD", "Report-" + first, "Report-" + first + "-F1"));
      csv.append(CustomerCsv.line(new CustomerDraft(CustomerKind.PRIVATE, "Customer " + (first + i),
          new PartyIdentity(CustomerKind.PRIVATE, SampleCustomers.nationalId(rnd)),
          List.of(new org.gridcare.crm.domain.Phone(numbers.get(i), numbers.get(i).startsWith("+479"), true)), address,
          List.of(new MeteringPoint(SampleCustomers.gsrn(first + i, 0), "M" + (first + i), address))))).append('\n');
    }
    return cc.crm().importCustomers(csv.toString(), n -> { }).compose(report -> report.errors().isEmpty()
        && report.imported() == numbers.size() ? Future.succeededFuture()
        : Future.failedFuture("import: " + report.imported() + " imported, errors " + report.errors()));
  }

  /** Twilio's Messages endpoint, enough for the SDK: 201 with the message; each text noted with its status callback. */
  private static HttpServer twilioStandIn(Vertx vertx, List<JsonObject> texts) throws Exception {
    return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      Map<String, String> form = new HashMap<>();
      for (String pair : body.toString().split("&")) {
        String[] kv = pair.split("=", 2);
        form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      if (!req.path().endsWith("/Messages.json") || form.get("To") == null) {
        req.response().setStatusCode(404).end();
        return;
      }
      String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
      texts.add(new JsonObject().put("sid", sid).put("to", form.get("To")).put("callback", form.get("StatusCallback")));
      req.response().setStatusCode(201).putHeader("content-type", "application/json").end(new JsonObject()
          .put("sid", sid).put("to", form.get("To")).put("from", form.get("From")).put("body", form.get("Body"))
          .put("status", "queued").put("account_sid", ACCOUNT).put("num_segments", "1").encode());
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Twilio's webhook signature: Base64(HMAC-SHA1(auth token, url + the parameters sorted, each key + value)). */
  private static String sign(String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The shipped configuration with every line open whatever the hour, one-second wrap-ups, callbacks offered after a
   * second of waiting, quick notification retries and Twilio pointed at the stand-in.
   */
  private static ContactCentreConfig config(StorageSettings storage, Path dir, int twilioPort) throws Exception {
    Path token = Files.writeString(dir.resolve("twilio-token"), TOKEN);
    String shipped = Files.readString(TestCentre.repoRoot().resolve("config/contact-centre.yaml"));
    String patched = shipped.replaceAll("(?m)^    hours: .*\\n", "").replaceFirst("(?m)^notifications:\\n",
        Matcher.quoteReplacement("notifications:\n  twilio: {account-sid: " + ACCOUNT + ", auth-token: {file: " + token
            + "}, from: \"+4759440000\", base-url: \"http://127.0.0.1:" + twilioPort + "\"}\n"));
    assertThat(patched).isNotEqualTo(shipped);
    Path file = Files.writeString(dir.resolve("contact-centre.yaml"), patched);
    Map<String, String> env = new HashMap<>(TestCentre.environment(storage, Files.createDirectories(dir.resolve("data"))));
    for (int i = 0; i < 3; i++) {
      env.put("CC_LINES_" + i + "_WRAP_UP", "1s");
    }
    env.put("CC_ACD_CALLBACK_OFFER_AFTER", "1s");
    env.put("CC_ACD_ANNOUNCE_EVERY", "1s");
    env.put("CC_NOTIFICATIONS_VOICE_MAX_CHANNELS", "40");
    env.put("CC_NOTIFICATIONS_VOICE_RESERVED_FOR_INBOUND", "20");
    env.put("CC_NOTIFICATIONS_VOICE_MAX_ATTEMPTS", "2");
    env.put("CC_NOTIFICATIONS_VOICE_RETRY_AFTER", "1s");
    env.put("CC_NOTIFICATIONS_VOICE_RING_TIMEOUT", "2s");
    return ConfigLoader.load(file, env);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
