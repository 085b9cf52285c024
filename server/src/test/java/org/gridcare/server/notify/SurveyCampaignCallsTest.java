package org.gridcare.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.MeteringPoint;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Phone;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.engine.Greeting;
import org.gridcare.server.Browser;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A phone survey campaign over the wire: a supervisor starts it through the API over a substation's customers; the
 * notification dialler originates through the Asterisk adapter into the simulated PBX's {@code cc-survey-out}, whose
 * AMD() hears the greeting before the {@code survey-out} FastAGI script asks the questions.
 */
@RealServers
class SurveyCampaignCallsTest {
  private static final String SUBSTATION = "Survey-9300";
  private static final String PERSON = "+4722930001";
  private static final String MACHINE = "+4722930002";
  private static final String BUSY = "+4722930003";
  private static final Path SCREENSHOTS = TestCentre.repoRoot().resolve("docs/screenshots");

  @Test
  void aPersonAnswersTheQuestionsAMachineHearsNothingABusyLineIsRetriedThenFailed(StorageSettings storage)
      throws Exception {
    try (TestCentre centre = TestCentre.start(storage, Map.of("CC_NOTIFICATIONS_VOICE_MAX_ATTEMPTS", "2",
        "CC_NOTIFICATIONS_VOICE_RETRY_AFTER", "1s", "CC_NOTIFICATIONS_VOICE_RING_TIMEOUT", "2s"))) {
      var vertx = centre.cc().vertx();
      PbxSimulator sim = centre.cc().pbxLink().simulator().orElseThrow();
      Map<String, List<SimCall>> rang = new ConcurrentHashMap<>();
      for (String number : List.of(PERSON, MACHINE, BUSY)) {
        sim.external(number).onRinging(call -> rang.computeIfAbsent(number, n -> new CopyOnWriteArrayList<>()).add(call));
      }
      // the person answers each question as it starts: 4 (information), 2 (restoration), 9 (recommend)
      List<String> questions = List.of(
          spoken(centre, "How well were you informed about the outage? Press a key from 1, very badly, to 5, very well."),
          spoken(centre, "How satisfied are you with how quickly power was restored? Press a key from 1, very unhappy, "
              + "to 5, very happy."),
          spoken(centre, "How likely are you to recommend us to a friend? Press a key from 0, not at all, to 9, certainly."));
      sim.external(PERSON).answeredBy(Greeting.PERSON, Duration.ofMillis(200)).onRinging(call ->
          call.awaitPrompt(questions.get(0)).compose(p -> call.press("4"))
              .compose(v -> call.awaitPrompt(questions.get(1))).compose(p -> call.press("2"))
              .compose(v -> call.awaitPrompt(questions.get(2))).compose(p -> call.press("9")));
      sim.external(MACHINE).answeredBy(Greeting.MACHINE, Duration.ofMillis(200));
      sim.external(BUSY).busy();
      importCustomers(centre, List.of(PERSON, MACHINE, BUSY));

      await(centre.cc().authentication().addUser("test", new Identity("sup1", Set.of(Role.SUPERVISOR), List.of(1)),
          "supervisor-password-1"));
      await(centre.cc().authentication().addUser("test", new Identity("sup3", Set.of(Role.SUPERVISOR), List.of(3)),
          "supervisor-password-3"));
      WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(centre.cc().httpPort()));
      String sup1 = login(http, "sup1", "supervisor-password-1");
      String sup3 = login(http, "sup3", "supervisor-password-3");
      Instant from = Instant.now().minusSeconds(1);

      // a window around now (past midnight when needed), whatever the time of day the test runs
      LocalTime now = LocalTime.now(centre.config().locale().zone());
      DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
      HttpResponse<Buffer> started = await(http.post("/api/survey-campaigns").bearerTokenAuthentication(sup1)
          .sendJsonObject(new JsonObject().put("title", "After the storm").put("survey", "after-outage").put("line", 2)
              .put("area", new JsonObject().put("substations", new JsonArray().add(SUBSTATION)))
              .put("windowFrom", now.minusHours(1).format(hhmm)).put("windowTo", now.plusHours(1).format(hhmm))));
      assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(201);
      String id = started.bodyAsJsonObject().getString("id");
      assertThat(started.bodyAsJsonObject().getJsonObject("progress").getLong("numbers")).isEqualTo(3);

      JsonObject done = finished(centre, http, sup1, id);
      assertThat(done.getString("state")).isEqualTo("running");
      assertThat(done.getJsonObject("progress").getMap()).containsEntry("numbers", 3).containsEntry("dialled", 3)
          .containsEntry("answered", 1).containsEntry("completed", 1).containsEntry("refused", 0)
          .containsEntry("machine", 1).containsEntry("failed", 1).containsEntry("pending", 0);
      for (List<SimCall> calls : rang.values()) {
        for (SimCall call : calls) {
          await(call.awaitState(CallState.HUNG_UP)); // the script ends the call
        }
      }
      assertThat(rang).doesNotContainKey(BUSY); // a busy line never rings
      assertThat(rang.get(MACHINE)).singleElement().satisfies(c -> assertThat(c.prompts()).isEmpty());
      assertThat(rang.get(PERSON)).singleElement().satisfies(c -> assertThat(c.prompts()).containsSubsequence(
          questions.get(0), questions.get(1), questions.get(2),
          spoken(centre, "Thank you for your answers. Goodbye.")));
      assertThat(calls(centre, id)).containsOnly(Map.entry(PERSON, "DONE ANSWERED COMPLETED 1"),
          Map.entry(MACHINE, "DONE MACHINE - 1"), Map.entry(BUSY, "FAILED BUSY - 2"));
      assertThat(answers(centre, id)).containsExactly(PERSON + " 2 information=4", PERSON + " 2 restoration=2",
          PERSON + " 2 recommend=9");

      // the report over the API says the same once the dialler has settled every call (one tick after hang-up)
      TestCentre.eventually("every call settled in the journal", () -> {
        JsonArray rows = report(http, sup1, from);
        return !rows.isEmpty() && rows.getJsonObject(0).getInteger("reached") + rows.getJsonObject(0)
            .getInteger("machine") + rows.getJsonObject(0).getInteger("failed") == 3;
      });
      JsonArray rows = report(http, sup1, from);
      assertThat(rows).hasSize(4);
      assertThat(rows.getJsonObject(0).getMap()).containsEntry("campaign", id).containsEntry("line", 2)
          .containsEntry("title", "After the storm").containsEntry("question", null).containsEntry("attempts", 4)
          .containsEntry("reached", 1).containsEntry("completed", 1).containsEntry("refused", 0)
          .containsEntry("machine", 1).containsEntry("failed", 1);
      // questions in name order
      assertThat(rows.getJsonObject(1).getMap()).containsEntry("question", "information").containsEntry("answers", 1)
          .containsEntry("avg_answer", 4.0).containsEntry("answer_4", 1);
      assertThat(rows.getJsonObject(2).getMap()).containsEntry("question", "recommend").containsEntry("answer_9", 1);
      assertThat(rows.getJsonObject(3).getMap()).containsEntry("question", "restoration").containsEntry("answer_2", 1);

      // scope: a line-3 supervisor neither sees nor controls it; the owner cannot resume a running campaign
      assertThat(await(http.get("/api/survey-campaigns/" + id).bearerTokenAuthentication(sup3).send()).statusCode())
          .isEqualTo(404);
      assertThat(await(http.get("/api/survey-campaigns").bearerTokenAuthentication(sup3).send()).bodyAsJsonArray())
          .isEmpty();
      assertThat(await(http.post("/api/survey-campaigns/" + id + "/cancel").bearerTokenAuthentication(sup3).send())
          .statusCode()).isEqualTo(404);
      assertThat(await(http.post("/api/survey-campaigns/" + id + "/resume").bearerTokenAuthentication(sup1).send())
          .bodyAsJsonObject().getString("error")).isEqualTo("campaign-running");
      assertThat(journalTypes(centre, id)).contains("notify.survey.campaign.started");

      wallboardPanel(centre, id, now.plusHours(2).format(hhmm), now.plusHours(3).format(hhmm));
    }
  }

  /**
   * The wallboard's survey panel: the finished campaign with its counts; a campaign started from the form (its window
   * later today, so it dials nobody) paused and cancelled with the buttons; the report page's chart of the results.
   */
  private static void wallboardPanel(TestCentre centre, String finished, String laterFrom, String laterTo)
      throws Exception {
    ChromeDriver browser = Browser.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get("http://127.0.0.1:" + centre.cc().httpPort() + "/");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
      browser.findElement(By.name("username")).sendKeys("sup1");
      browser.findElement(By.name("password")).sendKeys("supervisor-password-1");
      browser.findElement(By.cssSelector("#sign-in button")).click();
      By done = By.cssSelector("[data-survey-campaign='" + finished + "'] .survey-counts");
      wait.until(ExpectedConditions.visibilityOfElementLocated(done));
      assertThat(browser.findElement(done).getText()).contains("answered 1", "completed 1", "refused 0", "machine 1",
          "failed 1");

      WebElement form = browser.findElement(By.id("survey-form"));
      form.findElement(By.name("title")).sendKeys("Evening survey");
      new Select(form.findElement(By.name("line"))).selectByValue("2");
      form.findElement(By.name("substations")).sendKeys(SUBSTATION);
      // time inputs type differently per browser locale (12 or 24 hours): set their value as the picker would
      browser.executeScript("arguments[0].value = arguments[1]", form.findElement(By.name("windowFrom")), laterFrom);
      browser.executeScript("arguments[0].value = arguments[1]", form.findElement(By.name("windowTo")), laterTo);
      form.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("survey-result"), "3 numbers to call"));
      By evening = By.xpath("//article[h3[contains(., 'Evening survey')]]");
      wait.until(ExpectedConditions.visibilityOfElementLocated(evening));
      assertThat(browser.findElement(evening).getText()).contains(laterFrom + "–" + laterTo, "running", "waiting 3");
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve("wallboard-survey-campaigns.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.findElement(evening).findElement(By.cssSelector("button[data-survey-action=pause]")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(evening, "paused"));
      browser.findElement(evening).findElement(By.cssSelector("button[data-survey-action=cancel]")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(evening, "cancelled 3"));

      browser.get("http://127.0.0.1:" + centre.cc().httpPort() + "/reports.html#survey-campaigns");
      wait.until(ExpectedConditions.attributeToBe(By.id("board"), "data-loaded", "survey-campaigns"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart .uplot canvas")));
      assertThat(browser.findElements(By.cssSelector("#report-table tbody tr"))).hasSize(4);
      Files.write(SCREENSHOTS.resolve("report-survey-campaigns.png"), browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }

  private static String login(WebClient http, String user, String password) throws Exception {
    return await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", user)
        .put("password", password))).bodyAsJsonObject().getString("token");
  }

  /** The campaign once nothing is pending, as the API shows it. */
  private static JsonObject finished(TestCentre centre, WebClient http, String token, String id) throws Exception {
    CompletableFuture<JsonObject> done = new CompletableFuture<>();
    var vertx = centre.cc().vertx();
    vertx.setPeriodic(200, timer -> http.get("/api/survey-campaigns/" + id).bearerTokenAuthentication(token).send()
        .onSuccess(r -> {
          JsonObject c = r.bodyAsJsonObject();
          if (c.getBoolean("finished", false) && done.complete(c)) {
            vertx.cancelTimer(timer);
          }
        }));
    return done.get(60, TimeUnit.SECONDS);
  }

  private static JsonArray report(WebClient http, String token, Instant from) throws Exception {
    HttpResponse<Buffer> r = await(http.get("/api/reports/survey-campaigns").addQueryParam("from", from.toString())
        .addQueryParam("to", Instant.now().plusSeconds(5).toString()).addQueryParam("interval", "all")
        .bearerTokenAuthentication(token).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("rows");
  }

  /** Each number's call: state, outcome, survey result, attempts. */
  private static Map<String, String> calls(TestCentre centre, String campaign) throws Exception {
    Map<String, String> out = new java.util.HashMap<>();
    for (Row r : await(centre.cc().storage().pool().preparedQuery("SELECT phone, state, outcome, survey_result, "
        + "attempts, context FROM notify_call WHERE campaign_id = $1::uuid").execute(Tuple.of(campaign)))) {
      assertThat(r.getString("context")).isEqualTo("cc-survey-out");
      out.put(r.getString("phone"), r.getString("state") + " " + r.getString("outcome") + " "
          + (r.getString("survey_result") == null ? "-" : r.getString("survey_result")) + " " + r.getInteger("attempts"));
    }
    return out;
  }

  /** The journalled answers: number, line, question=answer, in order. */
  private static List<String> answers(TestCentre centre, String campaign) throws Exception {
    List<String> out = new ArrayList<>();
    for (Row r : await(centre.cc().storage().pool().preparedQuery("SELECT phone, line, data FROM journal "
        + "WHERE type = 'notify.survey.answered' AND data->>'campaign' = $1 ORDER BY id").execute(Tuple.of(campaign)))) {
      out.add(r.getString("phone") + " " + r.getInteger("line") + " " + r.getJsonObject("data").getString("question")
          + "=" + r.getJsonObject("data").getInteger("answer"));
    }
    return out;
  }

  private static List<String> journalTypes(TestCentre centre, String campaign) throws Exception {
    List<String> out = new ArrayList<>();
    for (Row r : await(centre.cc().storage().pool().preparedQuery("SELECT type FROM journal WHERE data->>'campaign' = $1 "
        + "ORDER BY id").execute(Tuple.of(campaign)))) {
      out.add(r.getString("type"));
    }
    return out;
  }

  /** Customers with one consenting number each, supplied from {@link #SUBSTATION}. */
  private static void importCustomers(TestCentre centre, List<String> numbers) throws Exception {
    Random rnd = new Random(9300);
    StringBuilder csv = new StringBuilder(CustomerCsv.header()).append('\n');
    for (int i = 0; i < numbers.size(); i++) {
      Address address = new Address("Fjordveien " + (i + 1), "0485", "Oslo",
          new GridLocation("OSLO-NORD", SUBSTATION, SUBSTATION + "-F1"));
      csv.append(CustomerCsv.line(new CustomerDraft(CustomerKind.PRIVATE, "Customer " + (9300 + i),
          new PartyIdentity(CustomerKind.PRIVATE, SampleCustomers.nationalId(rnd)),
          List.of(new Phone(numbers.get(i), false, true)), address,
          List.of(new MeteringPoint(SampleCustomers.gsrn(9300 + i, 0), "M" + (9300 + i), address))))).append('\n');
    }
    var report = await(centre.cc().crm().importCustomers(csv.toString(), n -> { }));
    assertThat(report.errors()).isEmpty();
    assertThat(report.imported()).isEqualTo(numbers.size());
  }

  /** The sound file the server plays for a text, as the PBX names it. */
  private static String spoken(TestCentre centre, String text) {
    try {
      String wav = await(centre.cc().ivr().speech().render("en", text)).toString();
      return wav.endsWith(".wav") ? wav.substring(0, wav.length() - 4) : wav;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
