package org.gridcare.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.DemoTraffic;
import org.gridcare.server.LogCapture;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stretch of simulated traffic with the production logging configuration ({@code logback.xml}, plus the JSON-lines
 * encoder of {@code logback-json.xml}) capturing everything the process writes: sample customers call through the IVR
 * into the ACD (recognised by their number; one takes the danger-to-life shortcut to an operator), an agent looks
 * them up, opens their card and registers a ticket, a wrong password is tried, and an outage in their area sends
 * SMS through a local Twilio stand-in. Then no customer's full phone number (E.164, without the plus, or the national
 * digits) or national ID appears anywhere in the output.
 */
@RealServers
class LogsHoldNoPersonalNumbersTest {
  private static final String TOLL_FREE = "80012345";

  @Test
  void aStretchOfTrafficLogsNoFullPhoneNumberOrNationalId(StorageSettings storage, @TempDir Path dir) throws Exception {
    List<String> sentTo = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Void> smsSent = new CompletableFuture<>();
    String text;
    try (LogCapture logs = LogCapture.start()) {
      var vertx = io.vertx.core.Vertx.vertx();
      HttpServer twilio = twilioStandIn(vertx, sentTo, smsSent);
      try (TestCentre centre = TestCentre.start(config(storage, dir, twilio.actualPort()))) {
        traffic(centre.cc(), smsSent);
      } finally {
        twilio.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
      }
      text = logs.text();
    }
    assertThat(text).as("the capture saw the server run").contains("HTTP API listening").contains("login failed for");
    assertThat(sentTo).as("SMS went out to customers").isNotEmpty();
    assertThat(text).as("callers' numbers reached the logs, masked").containsPattern("\\+47\\*+[0-9]{2}\\b");

    List<CustomerDraft> customers = SampleCustomers.generate(60, 2026);
    List<String> leaks = new ArrayList<>();
    for (CustomerDraft c : customers) {
      for (var phone : c.phones()) {
        String e164 = phone.e164();
        check(text, e164, Pattern.quote(e164), leaks);
        check(text, e164, digits(e164.substring(1)), leaks);
        check(text, e164, digits(e164.substring(3)), leaks); // the national digits after +47
      }
      check(text, "national ID of " + c.name(), digits(c.identity().value()), leaks);
    }
    assertThat(leaks).isEmpty();
  }

  /** Calls, look-ups, a ticket, a failed login and an outage SMS, all on the simulator and the real API. */
  private static void traffic(ContactCentre cc, CompletableFuture<Void> smsSent) throws Exception {
    assertThat(await(cc.crm().loadSampleData(60))).isEqualTo(60);
    PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
    sim.phone("PJSIP/op1001").autoAnswer(true);
    await(cc.acd().acd().login("op1001", "PJSIP/op1001").compose(s -> cc.acd().acd().ready("op1001")));
    List<String> numbers = new ArrayList<>();
    for (Row r : await(cc.storage().pool().query("SELECT e164 FROM crm_phone ORDER BY customer_id, position").execute())) {
      numbers.add(r.getString("e164"));
    }

    SimCall hazard = sim.placeCall(numbers.get(0), TOLL_FREE);
    await(hazard.awaitNextPrompt());
    await(hazard.press("1"));
    await(hazard.awaitNextPrompt());
    await(hazard.press("9"));
    await(hazard.awaitState(CallState.BRIDGED));
    await(hazard.hangUp());

    for (String number : numbers.subList(1, 4)) { // recognised, main menu, operators, outage topic: queued
      SimCall caller = sim.placeCall(number, TOLL_FREE);
      await(caller.awaitNextPrompt()); // language
      await(caller.press("1"));
      await(caller.awaitNextPrompt()); // welcome
      await(caller.awaitNextPrompt()); // greeted by name
      await(caller.awaitNextPrompt()); // main menu
      await(caller.press("4"));
      await(caller.awaitNextPrompt()); // operator menu
      await(caller.press("1"));
      String call = caller.uniqueId();
      TestCentre.eventually("caller queued", () -> await(cc.storage().pool().preparedQuery(
          "SELECT count(*) FROM journal WHERE type = 'acd.call.queued' AND call_id = $1")
          .execute(io.vertx.sqlclient.Tuple.of(call))).iterator().next().getLong(0) > 0
          || caller.state() == CallState.BRIDGED);
      await(caller.hangUp());
    }

    await(cc.authentication().addUser("test", new Identity("amy", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
    try (Client client = new Client(cc.vertx(), cc.httpPort())) {
      assertThat(client.send("POST", "/api/auth/login", new JsonObject().put("username", "amy")
          .put("password", "not-her-password").encode(), null, null).status()).isEqualTo(401);
      String token = client.login("amy", "agent-password-1");
      String digits = numbers.get(1).substring(1);
      Client.Answer found = client.send("GET", "/api/crm/customers?phone=" + digits, null, token, null);
      assertThat(found.status()).as(found.body()).isEqualTo(200);
      long id = new io.vertx.core.json.JsonArray(found.body()).getJsonObject(0).getLong("id");
      assertThat(client.send("GET", "/api/crm/customers/" + id, null, token, null).status()).isEqualTo(200);
      Client.Answer ticket = client.send("POST", "/api/crm/tickets", new JsonObject().put("customerId", id)
          .put("topic", "outage").put("subject", "No power since the storm, call back on " + numbers.get(1))
          .encode(), token, null);
      assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
      assertThat(client.send("GET", "/api/crm/customers/" + (id + 100000), null, token, null).status()).isEqualTo(404);
    }

    DemoTraffic.outageAfter(cc, Duration.ZERO); // the demo's outage over OSLO-NORD: SMS to its customers
    smsSent.get(60, TimeUnit.SECONDS);
  }

  private static void check(String text, String what, String regex, List<String> leaks) {
    var m = Pattern.compile(regex).matcher(text);
    if (m.find()) {
      int from = Math.max(0, m.start() - 120);
      leaks.add(what + " in: " + text.substring(from, Math.min(text.length(), m.end() + 40)));
    }
  }

  /** A run of exactly these digits (not part of a longer number). */
  private static String digits(String d) {
    return "(?<![0-9])" + Pattern.quote(d) + "(?![0-9])";
  }

  /** Twilio's Messages endpoint, enough for the SDK: 201 with the message. */
  private static HttpServer twilioStandIn(io.vertx.core.Vertx vertx, List<String> sentTo, CompletableFuture<Void> sent)
      throws Exception {
    return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      var form = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
      for (String pair : body.toString().split("&")) {
        String[] kv = pair.split("=", 2);
        form.add(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      if (!req.path().endsWith("/Messages.json") || form.get("To") == null) {
        req.response().setStatusCode(404).end();
        return;
      }
      sentTo.add(form.get("To"));
      sent.complete(null);
      req.response().setStatusCode(201).putHeader("content-type", "application/json").end(new JsonObject()
          .put("sid", "SM" + UUID.randomUUID().toString().replace("-", "")).put("to", form.get("To"))
          .put("from", form.get("From")).put("body", form.get("Body")).put("status", "queued")
          .put("account_sid", "AC00000000000000000000000000000000").put("num_segments", "1").encode());
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  /** The shipped configuration on the test's servers, with notifications.twilio pointed at the stand-in. */
  private static ContactCentreConfig config(StorageSettings storage, Path dir, int twilioPort) throws Exception {
    Path token = Files.writeString(dir.resolve("twilio-token"), "test-token");
    String shipped = Files.readString(TestCentre.repoRoot().resolve("config/contact-centre.yaml"));
    String patched = shipped.replaceFirst("(?m)^notifications:\\n", java.util.regex.Matcher.quoteReplacement(
        "notifications:\n  twilio: {account-sid: AC00000000000000000000000000000000, auth-token: {file: " + token
            + "}, from: \"+4759440000\", base-url: \"http://127.0.0.1:" + twilioPort + "\"}\n"));
    assertThat(patched).isNotEqualTo(shipped);
    Path file = Files.writeString(dir.resolve("contact-centre.yaml"), patched);
    return ConfigLoader.load(file, TestCentre.environment(storage, Files.createDirectories(dir.resolve("data"))));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
