package org.gridcare.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Phone;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.engine.Greeting;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Grid-connection applications over the wire: an operator registers one through the CRM API and moves it on; the
 * customer hears of every stage change exactly once, by SMS through Twilio (Prism serving Twilio's spec behind a
 * recorder, {@link RecordedTwilio}) or, without a mobile, by a call the dialler originates into the simulator's
 * {@code cc-notify}.
 */
@RealServers
class ApplicationStageNoticesTest {
  private static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
  private static final String TOKEN = "twilio-test-token";
  private static final String MOBILE = "+4791770001";
  private static final String LANDLINE = "+4722770002";

  @Test
  void eachStageChangeIsSentOnceByMobileOrCalledThroughWithout(Vertx vertx, StorageSettings storage)
      throws Exception {
    try (RecordedTwilio twilio = RecordedTwilio.start(vertx); TestCentre centre = TestCentre.start(storage, Map.of(
        "CC_NOTIFICATIONS_TWILIO_ACCOUNT_SID", ACCOUNT, "CC_NOTIFICATIONS_TWILIO_AUTH_TOKEN", TOKEN,
        "CC_NOTIFICATIONS_TWILIO_FROM", "+4759440000",
        "CC_NOTIFICATIONS_TWILIO_BASE_URL", twilio.baseUrl()))) {
      ContactCentre cc = centre.cc();
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      CompletableFuture<SimCall> called = new CompletableFuture<>();
      sim.external(LANDLINE).answeredBy(Greeting.MACHINE, Duration.ofMillis(200)).onRinging(called::complete);
      long withMobile = importCustomer(cc, 0, MOBILE);
      long withoutMobile = importCustomer(cc, 1, LANDLINE);
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      String op = login(cc, http, "op1001");

      String number = register(http, op, withMobile);
      advance(http, op, number, "site-survey");
      twilio.whenAccepted(1).get(30, TimeUnit.SECONDS);
      allSent(cc, number);
      assertThat(twilio.accepted()).as("registering tells nothing; the stage change one SMS").containsExactly(
          MOBILE + " Your grid connection application " + number + " has moved on: site survey.");

      advance(http, op, number, "supply-plan");
      twilio.whenAccepted(2).get(30, TimeUnit.SECONDS);
      allSent(cc, number);
      assertThat(twilio.accepted()).hasSize(2).last()
          .isEqualTo(MOBILE + " Your grid connection application " + number + " has moved on: supply plan.");

      String other = register(http, op, withoutMobile);
      advance(http, op, other, "site-survey");
      SimCall call = called.get(60, TimeUnit.SECONDS);
      call.awaitState(CallState.HUNG_UP).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      String message = "This is your electricity company. Your grid connection application " + other
          + " has moved on to the next stage: site survey.";
      assertThat(call.prompts()).as("the message played once to the answering machine")
          .containsExactly(spoken(cc, message));
      assertThat(twilio.accepted()).as("no SMS to a customer without a mobile").hasSize(2);
      assertThat(journal(cc, "notify.application.queued")).containsExactly(
          number + " site-survey SMS " + MOBILE, number + " supply-plan SMS " + MOBILE,
          other + " site-survey VOICE " + LANDLINE);
      assertThat(twilio.refused()).as("requests Twilio's contract refused").isEmpty();
      assertThat(notices(http, op, number)).containsExactly("site-survey SMS SENT", "supply-plan SMS SENT");
      assertThat(notices(http, op, other)).containsExactly("site-survey VOICE MACHINE");
    }
  }

  /** A private customer with one phone number (no consent to outage notices asked); returns the CRM id. */
  private static long importCustomer(ContactCentre cc, int n, String phone) throws Exception {
    Address address = new Address("Stasjonsveien " + (n + 1), "0772", "Oslo",
        new GridLocation("OSLO-NORD", "Applications", "Applications-F1"));
    String csv = CustomerCsv.header() + "\n" + CustomerCsv.line(new CustomerDraft(CustomerKind.PRIVATE,
        "Applicant " + n, new PartyIdentity(CustomerKind.PRIVATE, SampleCustomers.nationalId(new Random(7700 + n))),
        List.of(new Phone(phone, phone.startsWith("+479"), false)), address, List.of())) + "\n";
    var report = await(cc.crm().importCustomers(csv, x -> { }));
    assertThat(report.errors()).isEmpty();
    return await(cc.crm().directory().byPhone(phone)).get(0).id();
  }

  private static String register(WebClient http, String token, long customer) throws Exception {
    return ok(await(http.post("/api/crm/customers/" + customer + "/applications").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("requestedKw", "15 kW")))).bodyAsJsonObject().getString("number");
  }

  private static void advance(WebClient http, String token, String number, String stage) throws Exception {
    ok(await(http.post("/api/crm/applications/" + number + "/stage").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("stage", stage))));
  }

  /** The API's notices of an application: stage, channel, state. */
  private static List<String> notices(WebClient http, String token, String number) throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    ok(await(http.get("/api/notifications/applications/" + number + "/notices").bearerTokenAuthentication(token)
        .send())).bodyAsJsonArray().forEach(n -> out.add(((JsonObject) n).getString("stage") + " "
            + ((JsonObject) n).getString("channel") + " " + ((JsonObject) n).getString("state")));
    return out;
  }

  /** Waits until the application's SMS are all past the provider (none pending or being sent). */
  private static void allSent(ContactCentre cc, String application) throws Exception {
    TestCentre.eventually("the SMS of " + application + " recorded as sent", () -> await(cc.storage().pool()
        .preparedQuery("SELECT count(*) FILTER (WHERE s.state IN ('PENDING', 'SENDING')) AS open, count(*) AS n "
            + "FROM notify_sms s JOIN notify_campaign c ON c.id = s.campaign_id WHERE c.application = $1")
        .execute(Tuple.of(application))).iterator().next().getLong("open") == 0);
  }

  private static List<String> journal(ContactCentre cc, String type) throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    await(cc.storage().pool().preparedQuery("SELECT phone, data FROM journal WHERE type = $1 ORDER BY id")
        .execute(Tuple.of(type))).forEach(r -> out.add(r.getJsonObject("data").getString("application") + " "
            + r.getJsonObject("data").getString("stage") + " " + r.getJsonObject("data").getString("channel") + " "
            + r.getString("phone")));
    return out;
  }

  /** The sound file the server plays for a text, as the PBX names it. */
  private static String spoken(ContactCentre cc, String text) throws Exception {
    String wav = await(cc.ivr().speech().render("en", text)).toString();
    return wav.endsWith(".wav") ? wav.substring(0, wav.length() - 4) : wav;
  }

  private static String login(ContactCentre cc, WebClient http, String operator) throws Exception {
    await(cc.authentication().addUser("test", new Identity(operator, Set.of(Role.AGENT), List.of(1)),
        operator + "-password-1"));
    return ok(await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", operator)
        .put("password", operator + "-password-1")))).bodyAsJsonObject().getString("token");
  }

  private static HttpResponse<Buffer> ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 299);
    return r;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
