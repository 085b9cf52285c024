package org.gridcare.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.server.Browser;
import org.gridcare.server.ContactCentre;
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
 * Handing callers over from the desktop in real headless Chromium against the centre on the PBX simulator: a transfer
 * to a colleague who cannot take it says why; a blind transfer to a colleague connects the caller to their softphone
 * and the call leaves the ACD (the operator to wrap-up, nobody hung up); an attended transfer to an outside number
 * puts the caller on music while the operator consults, then connects them; back to the IVR's main menu, the caller
 * hears its prompt again.
 */
@RealServers
class DesktopTransferTest {
  private static final Path SHOTS = TestCentre.repoRoot().resolve("docs/screenshots");
  static final String OUTSIDE = "+4799887766";

  @Test
  void anOperatorHandsCallersToAColleagueAnOutsideNumberAndTheIvr(StorageSettings storage) throws Exception {
    // a short wrap-up on line 1 so the same operator takes the next caller soon
    try (TestCentre centre = TestCentre.start(storage, Map.of("CC_LINES_0_WRAP_UP", "2s"))) {
      ContactCentre cc = centre.cc();
      await(cc.crm().loadSampleData(60));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      String phone = rows(cc, "SELECT e164 FROM crm_phone GROUP BY e164 HAVING count(*) = 1 ORDER BY e164 LIMIT 1")
          .getString("e164");
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      sim.phone("PJSIP/op1001").autoAnswer(true);
      sim.phone("PJSIP/op1002").autoAnswer(true);
      sim.external(OUTSIDE).autoAnswer(true);
      await(cc.acd().acd().login("op1002", null)); // logged in, not ready: free for a transfer

      ChromeDriver browser = Browser.start(1366, 768);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        signInReady(browser, wait, cc);

        // 1. a colleague who is not logged in cannot take it, and the page says why; then blind to op1002
        SimCall first = talkingTo(sim, wait, phone);
        transfer(browser, wait, "operator", "op1003", false);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "cannot take a transfer now (logged-out)"));
        assertThat(first.state()).isEqualTo(CallState.BRIDGED);
        transfer(browser, wait, "operator", "op1002", false);
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap-up"));
        TestCentre.eventually("the caller talks to op1002", () -> sim.phone("PJSIP/op1002").currentCall()
            .filter(c -> c.state() == CallState.BRIDGED).isPresent());
        TestCentre.eventually("op1001's softphone is free", () -> sim.phone("PJSIP/op1001").currentCall().isEmpty());
        assertThat(first.state()).isEqualTo(CallState.BRIDGED);
        assertThat(first.hearingMusicOnHold()).isFalse();
        String firstCall = one(cc, "SELECT call_id FROM journal WHERE type = 'acd.call.released' AND operator_id = $1",
            "op1001").getString("call_id");
        assertThat(one(cc, "SELECT data FROM journal WHERE type = 'desktop.call.transferred' AND call_id = $1", firstCall)
            .getJsonObject("data")).isEqualTo(new JsonObject().put("to", "operator").put("operator", "op1002"));
        assertThat(rows(cc, "SELECT count(*) AS n FROM journal WHERE type = 'acd.call.completed'").getLong("n")).isZero();
        SimCall colleague = sim.phone("PJSIP/op1002").currentCall().orElseThrow();
        await(first.hangUp());
        await(colleague.awaitState(CallState.HUNG_UP)); // the desktop hangs up the other side of what it connected

        // 2. attended to an outside number: the caller holds while the operator consults, then they are connected
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));
        SimCall second = talkingTo(sim, wait, phone);
        transfer(browser, wait, "number", "99 88 77 66", true);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transfer-complete")));
        await(second.awaitMusicOnHold(true));
        TestCentre.eventually("the operator consults the outside number", () -> sim.external(OUTSIDE).currentCall()
            .filter(c -> c.state() == CallState.BRIDGED).isPresent());
        shot(browser, "desktop-consult");
        browser.findElement(By.id("transfer-complete")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap-up"));
        await(second.awaitMusicOnHold(false));
        await(second.awaitState(CallState.BRIDGED));
        TestCentre.eventually("op1001's softphone is free", () -> sim.phone("PJSIP/op1001").currentCall().isEmpty());
        Row outside = one(cc, "SELECT phone, data FROM journal WHERE type = 'desktop.call.transferred' AND data->>'to' = $1",
            "external");
        assertThat(outside.getString("phone")).isEqualTo(OUTSIDE);
        SimCall far = sim.external(OUTSIDE).currentCall().orElseThrow();
        await(far.hangUp());
        await(second.awaitState(CallState.HUNG_UP));

        // 3. back to the IVR's main menu: the caller hears it again
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));
        SimCall third = talkingTo(sim, wait, phone);
        Future<String> nextPrompt = third.awaitNextPrompt();
        transfer(browser, wait, "ivr", "main-menu", false);
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap-up"));
        Row toIvr = one(cc, "SELECT call_id, data FROM journal WHERE type = 'desktop.call.transferred' AND data->>'to' = $1",
            "ivr");
        assertThat(toIvr.getJsonObject("data").getString("ivrNode")).isEqualTo("main-menu");
        await(nextPrompt); // the menu's prompt plays to the caller again, in a second IVR session of the same call
        assertThat(third.state()).isNotEqualTo(CallState.HUNG_UP);
        String thirdCall = toIvr.getString("call_id");
        TestCentre.eventually("a second IVR session", () -> rows(cc, "SELECT count(*) AS n FROM journal"
            + " WHERE type = 'ivr.started' AND call_id = '" + thirdCall + "'").getLong("n") == 2);
        Future<String> afterKey = third.awaitNextPrompt();
        await(third.press("1")); // the menu takes keys again: 1 = report a fault, which answers with its own prompt
        await(afterKey);
        await(third.hangUp());
      } catch (Throwable e) {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/desktop-transfer-failure.png"),
            StandardCopyOption.REPLACE_EXISTING);
        throw e;
      } finally {
        browser.quit();
      }
    }
  }

  static void signInReady(ChromeDriver browser, WebDriverWait wait, ContactCentre cc) {
    browser.get("http://127.0.0.1:" + cc.httpPort() + "/desktop/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))); // shown once the language is loaded
    browser.findElement(By.name("username")).sendKeys("op1001");
    browser.findElement(By.name("password")).sendKeys("agent-password-1");
    browser.findElement(By.cssSelector("#sign-in button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#softphone [name=endpoint]")));
    browser.findElement(By.cssSelector("#softphone button")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "not-ready"));
    browser.findElement(By.id("ready")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));
  }

  static void conference(ChromeDriver browser, WebDriverWait wait, String to, String target) {
    if (!browser.findElement(By.id("transfer-form")).isDisplayed()) {
      browser.findElement(By.id("transfer")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transfer-form")));
    }
    new Select(browser.findElement(By.cssSelector("#transfer-form [name=to]"))).selectByValue(to);
    WebElement input = browser.findElement(By.cssSelector("#transfer-form [name=target]"));
    input.clear();
    input.sendKeys(target);
    browser.findElement(By.id("conference-add")).click();
  }

  /** A caller takes the hazard shortcut (line 1) and the ready operator's page shows them talking. */
  static SimCall talkingTo(PbxSimulator sim, WebDriverWait wait, String number) throws Exception {
    SimCall caller = sim.placeCall(number, "80012345");
    await(caller.awaitNextPrompt());
    await(caller.press("1"));
    await(caller.awaitNextPrompt());
    await(caller.press("9"));
    await(caller.awaitState(CallState.BRIDGED));
    wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "talking"));
    return caller;
  }

  private static void transfer(ChromeDriver browser, WebDriverWait wait, String to, String target, boolean attended) {
    if (!browser.findElement(By.id("transfer-form")).isDisplayed()) {
      browser.findElement(By.id("transfer")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transfer-form")));
    }
    new Select(browser.findElement(By.cssSelector("#transfer-form [name=to]"))).selectByValue(to);
    WebElement input = browser.findElement(By.cssSelector("#transfer-form [name=target]"));
    input.clear();
    input.sendKeys(target);
    WebElement box = browser.findElement(By.cssSelector("#transfer-form [name=attended]"));
    if (box.isSelected() != attended) {
      box.click();
    }
    browser.findElement(By.cssSelector("#transfer-form button")).click();
  }

  static Row one(ContactCentre cc, String sql, Object param) throws Exception {
    RowSet<Row> found = await(cc.storage().pool().preparedQuery(sql).execute(Tuple.of(param)));
    assertThat(found.size()).as(sql).isEqualTo(1);
    return found.iterator().next();
  }

  static Row rows(ContactCentre cc, String sql) throws Exception {
    return await(cc.storage().pool().query(sql).execute()).iterator().next();
  }

  static void shot(ChromeDriver browser, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
