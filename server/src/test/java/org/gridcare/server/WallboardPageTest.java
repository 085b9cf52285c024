package org.gridcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The first wallboard in real headless Chromium: sign in, see the lines, watch a queued call appear live. */
@RealServers
class WallboardPageTest {

  @Test
  void supervisorSeesACallQueueOnLineOneLive(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.authentication().addUser("test", new Identity("sup1", Set.of(Role.SUPERVISOR), List.of(1, 2)),
          "supervisor-password-1"));
      ChromeDriver browser = Browser.start();
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + cc.httpPort() + "/");
        browser.findElement(By.name("username")).sendKeys("sup1");
        browser.findElement(By.name("password")).sendKeys("wrong-password");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "Wrong username or password"));

        browser.findElement(By.name("password")).clear();
        browser.findElement(By.name("password")).sendKeys("supervisor-password-1");
        browser.findElement(By.cssSelector("#sign-in button")).click();
        By line1Waiting = By.cssSelector("[data-line='1'] .waiting .value");
        wait.until(ExpectedConditions.textToBe(line1Waiting, "0"));
        assertThat(browser.findElements(By.cssSelector("[data-line]"))).hasSize(3);
        assertThat(browser.findElement(By.id("who")).getText()).contains("sup1");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live")));

        // One line-1 operator, busy with a first caller: the second caller waits in line 1's queue.
        PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
        sim.phone("PJSIP/op1001").autoAnswer(true);
        await(cc.acd().acd().login("op1001", "PJSIP/op1001").compose(x -> cc.acd().acd().ready("op1001")));
        SimCall first = hazardCall(sim, "+4741800001");
        await(first.awaitState(CallState.BRIDGED));
        SimCall second = hazardCall(sim, "+4741800002");
        wait.until(ExpectedConditions.textToBe(line1Waiting, "1"));
        assertThat(browser.findElement(By.cssSelector("[data-line='2'] .waiting .value")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("[data-line='1'] .operators-by-state")).getText()).contains("1 on-call");
        assertThat(browser.findElements(By.cssSelector("#operators tbody tr"))).hasSize(centre.config().operators().size());
        assertThat(browser.findElement(By.cssSelector("[data-operator='op1001'] .state")).getText()).isEqualTo("on-call");

        await(second.hangUp()); // gave up waiting
        wait.until(ExpectedConditions.textToBe(line1Waiting, "0"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-line='1'] .answered .value"), "1 / 1"));
        await(first.hangUp());
      } finally {
        browser.quit();
      }
    }
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
