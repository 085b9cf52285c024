package org.gridcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.app.AcdEvents;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The supervisor wallboard and the report pages in real headless Chromium against the server on the PBX simulator:
 * live updates within a second, listen-in through ChanSpy, the line scope, emergency mode, and the screenshots under
 * {@code docs/screenshots/}.
 */
@RealServers
class WallboardPageTest {
  private static final Path SCREENSHOTS = TestCentre.repoRoot().resolve("docs/screenshots");
  private static final Duration LIVE = Duration.ofSeconds(1);

  @Test
  void supervisorSeesChangesLiveListensInAndSwitchesEmergencyMode(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.authentication().addUser("test", new Identity("sup1", Set.of(Role.SUPERVISOR), List.of(1)),
          "supervisor-password-1", "PJSIP/sup1"));
      ChromeDriver browser = Browser.start();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + cc.httpPort() + "/");
        signIn(browser, wait, "sup1", "wrong-password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "Wrong username or password"));
        browser.findElement(By.name("username")).clear();
        signIn(browser, wait, "sup1", "supervisor-password-1");
        By line1Waiting = By.cssSelector("[data-line='1'] .waiting .value");
        wait.until(ExpectedConditions.textToBe(line1Waiting, "0"));
        assertThat(browser.findElements(By.cssSelector("[data-line]"))).as("a line-1 supervisor sees lines 1 and 2 (seed 003 table 9)")
            .extracting(e -> e.getAttribute("data-line")).containsExactly("1", "2");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live")));

        // an operator's state change reaches the page within a second
        PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
        sim.phone("PJSIP/op1001").autoAnswer(true);
        await(cc.acd().acd().login("op1001", "PJSIP/op1001"));
        By op1001State = By.cssSelector("[data-operator='op1001'] .state");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(op1001State, "not-ready"));
        long t0 = System.nanoTime();
        await(cc.acd().acd().ready("op1001"));
        new WebDriverWait(browser, LIVE, Duration.ofMillis(20)).until(ExpectedConditions.textToBe(op1001State, "ready"));
        assertThat(elapsedMs(t0)).as("state change on the page, ms").isLessThan(1000);

        // op1001 takes a first caller; a second one waits and appears within a second of being queued
        SimCall first = hazardCall(sim, "+4741800001");
        await(first.awaitState(CallState.BRIDGED));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(op1001State, "on-call"));
        CompletableFuture<Long> queuedAt = new CompletableFuture<>();
        cc.vertx().eventBus().<JsonObject>consumer(AcdEvents.QUEUE_CHANGED, m -> {
          if ("acd.call.queued".equals(m.body().getString("type"))) {
            queuedAt.complete(System.nanoTime());
          }
        });
        SimCall second = hazardCall(sim, "+4741800002");
        long queued = queuedAt.get(30, TimeUnit.SECONDS);
        new WebDriverWait(browser, LIVE, Duration.ofMillis(20)).until(ExpectedConditions.textToBe(line1Waiting, "1"));
        assertThat(elapsedMs(queued)).as("new waiting call on the page, ms").isLessThan(1000);
        assertThat(browser.findElements(By.cssSelector("[data-line='1'] .calls li"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("[data-operator='op1001'] .call")).getText()).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-line='1'] .operators-by-state")).getText()).contains("1 on-call");

        // a threshold crossed is shown across the room
        browser.findElement(By.cssSelector("[data-line='1'] details.thresholds summary")).click();
        var maxWaiting = browser.findElement(By.cssSelector("form[data-alerts='1'] [name=maxWaiting]"));
        maxWaiting.clear();
        maxWaiting.sendKeys("0");
        browser.findElement(By.cssSelector("form[data-alerts='1'] button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts"), "Line 1: 1 waiting (max 0)"));
        assertThat(browser.findElement(By.cssSelector("[data-line='1']")).getAttribute("class")).contains("alert");
        screenshot(browser, "wallboard.png");

        // listen-in: the supervisor's softphone rings and ChanSpy joins op1001's call; audited
        CompletableFuture<PbxEvent.SpyStarted> spied = new CompletableFuture<>();
        cc.vertx().runOnContext(v -> cc.pbxLink().pbx().subscribe(e -> {
          if (e instanceof PbxEvent.SpyStarted s) {
            spied.complete(s);
          }
        }));
        sim.phone("PJSIP/sup1").autoAnswer(true);
        browser.findElement(By.cssSelector("[data-operator='op1001'] [data-action=spy][data-mode=listen]")).click();
        PbxEvent.SpyStarted spy = spied.get(30, TimeUnit.SECONDS);
        assertThat(spy.spied()).as("ChanSpy on op1001's channel").isNotNull();
        assertThat(await(cc.pbxLink().pbx().activeChannels()).stream()
            .filter(c -> c.id().equals(spy.spied())).findFirst().orElseThrow().endpoint()).isEqualTo("PJSIP/op1001");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "listen on op1001: answered"));
        var audit = await(cc.storage().pool().query("SELECT actor, details->>'operator' AS op FROM audit "
            + "WHERE action = 'call.listened'").execute());
        assertThat(audit.rowCount()).isEqualTo(1);
        assertThat(audit.iterator().next().getString("actor")).isEqualTo("sup1");

        // emergency mode: the waiting caller overflows to the other centre at once instead of waiting for op1001
        browser.findElement(By.id("emergency")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBe(By.id("emergency"), "Emergency mode: ON"));
        wait.until(ExpectedConditions.textToBe(line1Waiting, "0"));
        assertThat(await(cc.storage().pool().query("SELECT count(*) FROM journal WHERE type = 'acd.call.overflowed'")
            .execute()).iterator().next().getLong(0)).as("the waiting call overflowed").isEqualTo(1);
        assertThat(second.state()).isNotEqualTo(CallState.HUNG_UP);
        await(first.hangUp());

        // line 2 closed until further notice from the page: the ACD (and so the IVR) sees it closed
        // the tiles redraw on every live update until a field has the focus: find elements afresh if one came between
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
          d.findElement(By.cssSelector("[data-line='2'] details.hours summary")).click();
          return true;
        });
        wait.until(d -> {
          new org.openqa.selenium.support.ui.Select(d.findElement(By.cssSelector("form[data-hours='2'] [name=open]")))
              .selectByValue("false");
          return true;
        });
        browser.findElement(By.cssSelector("form[data-hours='2'] button:not([type])")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-line='2'] .override"),
            "Closed by sup1 until further notice"));
        assertThat(cc.acd().acd().isOpen(2)).isFalse();
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  void aLineTwoSupervisorSeesOnlyLineTwo(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.authentication().addUser("test", new Identity("sup2", Set.of(Role.SUPERVISOR), List.of(2)),
          "supervisor-password-2"));
      ChromeDriver browser = Browser.start();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + cc.httpPort() + "/");
        signIn(browser, wait, "sup2", "supervisor-password-2");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-line='2'] .waiting .value"), "0"));
        assertThat(browser.findElements(By.cssSelector("[data-line]"))).extracting(e -> e.getAttribute("data-line"))
            .containsExactly("2");
        assertThat(browser.findElements(By.cssSelector("[data-operator]"))).extracting(e -> e.getAttribute("data-operator"))
            .as("operators working line 2").containsExactly("op1003", "op2001", "op2002");
        assertThat(browser.getPageSource()).doesNotContain("Central operators");
      } finally {
        browser.quit();
      }
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      String token = await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "sup2")
          .put("password", "supervisor-password-2"))).bodyAsJsonObject().getString("token");
      assertThat(await(http.get("/api/reports/service?from=2026-11-25&to=2026-11-26&line=1").bearerTokenAuthentication(token)
          .send()).statusCode()).isEqualTo(403);
      assertThat(await(http.post("/api/wallboard/operators/op1001/spy").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("mode", "listen"))).statusCode()).isEqualTo(403);
      assertThat(await(http.post("/api/wallboard/operators/op2001/spy").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("mode", "listen").put("endpoint", "PJSIP/op2002"))).statusCode())
          .as("the softphone comes from the account, never from the request").isEqualTo(400);
      var noPhone = await(http.post("/api/wallboard/operators/op2001/spy").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("mode", "listen")));
      assertThat(noPhone.statusCode()).isEqualTo(409);
      assertThat(noPhone.bodyAsJsonObject().getString("error")).isEqualTo("no-softphone");
      assertThat(await(http.post("/api/wallboard/operators/op1001/state").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("state", "ready"))).statusCode()).isEqualTo(403);
      assertThat(await(http.put("/api/wallboard/lines/1/alerts").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("maxWaiting", 1).put("maxLongestWaitSeconds", 1).put("minServiceLevel", 0.5)))
          .statusCode()).isEqualTo(403);
      JsonObject state = await(http.get("/api/wallboard/state").bearerTokenAuthentication(token).send()).bodyAsJsonObject();
      assertThat(state.getJsonArray("lines").stream().map(l -> ((JsonObject) l).getInteger("line"))).containsExactly(2);
      assertThat(await(http.get("/api/wallboard/today").bearerTokenAuthentication(token).send()).bodyAsJsonArray()
          .stream().map(l -> ((JsonObject) l).getInteger("line"))).containsExactly(2);
    }
  }

  @Test
  void eachReportPageShowsAChartAndTheTable(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.authentication().addUser("test", new Identity("boss", Set.of(Role.ADMIN), List.of()), "admin-password-1"));
      Instant morning = Instant.now().minus(Duration.ofHours(3));
      for (int i = 0; i < 40; i++) {
        Instant at = morning.plus(Duration.ofMinutes(4L * i));
        String call = "call-" + i;
        int line = 1 + i % 2;
        await(cc.storage().journal().append(JournalEntry.of("ivr.completed").at(at).call(call).line(i % 5 == 0 ? null : line)
            .data(Map.of("ending", i % 5 == 0 ? "self-served" : "transferred", "durationMs", 20_000 + 1000 * i,
                "lastNode", "main-menu"))));
        await(cc.storage().journal().append(JournalEntry.of("ivr.step").at(at).call(call).data(Map.of("node", "main-menu"))));
        if (i % 5 != 0) {
          await(cc.storage().journal().append(JournalEntry.of("acd.call.queued").at(at).call(call).line(line)));
          if (i % 7 == 0) {
            await(cc.storage().journal().append(JournalEntry.of("acd.call.abandoned").at(at.plusSeconds(5 + i)).call(call)
                .line(line).data(Map.of("waitedMs", 5000 + 1000 * i))));
          } else {
            String op = line == 1 ? "op1001" : "op2001";
            await(cc.storage().journal().append(JournalEntry.of("acd.call.answered").at(at.plusSeconds(i % 30)).call(call)
                .line(line).operator(op).data(Map.of("waitedMs", 1000 * (i % 30)))));
            await(cc.storage().journal().append(JournalEntry.of("acd.call.completed").at(at.plusSeconds(120 + i)).call(call)
                .line(line).operator(op).data(Map.of("talkMs", 90_000 + 1000 * i, "wrapUpMs", 30_000))));
            await(cc.storage().journal().append(JournalEntry.of("ivr.survey.answered").at(at.plusSeconds(200)).call(call)
                .data(Map.of("score", 1 + i % 5))));
          }
        }
      }
      ChromeDriver browser = Browser.start();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + cc.httpPort() + "/reports.html#requests");
        signIn(browser, wait, "boss", "admin-password-1");
        for (String report : List.of("requests", "service", "aht", "aht-after-transfer", "ivr-time", "ivr-nodes",
            "occupancy", "callbacks", "tickets", "complaints", "satisfaction", "notifications")) {
          browser.get("http://127.0.0.1:" + cc.httpPort() + "/reports.html#" + report);
          var interval = new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("interval")));
          wait.until(ExpectedConditions.attributeToBe(By.id("board"), "data-loaded", report));
          interval.selectByValue("60m");
          browser.findElement(By.cssSelector("#report-form button[type=submit]")).click();
          wait.until(ExpectedConditions.attributeToBe(By.id("board"), "data-loaded", report));
          assertThat(browser.findElement(By.id("report-error")).getText()).as(report).isEmpty();
          if (List.of("requests", "service", "aht", "ivr-time", "ivr-nodes", "satisfaction").contains(report)) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart .uplot canvas")));
            assertThat(browser.findElements(By.cssSelector("#report-table tbody tr"))).as(report).isNotEmpty();
          }
          screenshot(browser, "report-" + report + ".png");
        }
      } finally {
        browser.quit();
      }
    }
  }

  private static void signIn(ChromeDriver browser, WebDriverWait wait, String user, String password) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).clear();
    browser.findElement(By.name("password")).sendKeys(password);
    browser.findElement(By.cssSelector("#sign-in button")).click();
  }

  private static void screenshot(ChromeDriver browser, String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private static long elapsedMs(long fromNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fromNanos);
  }

  /** A caller who picks English and takes the danger-to-life shortcut (line 1, top priority). */
  private static SimCall hazardCall(PbxSimulator sim, String number) throws Exception {
    SimCall caller = sim.placeCall(number, "80012345");
    await(caller.awaitNextPrompt());
    await(caller.press("1"));
    await(caller.awaitNextPrompt());
    await(caller.press("9"));
    return caller;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
