package org.gridcare.server.desktop;

import static org.gridcare.server.desktop.DesktopTransferTest.OUTSIDE;
import static org.gridcare.server.desktop.DesktopTransferTest.await;
import static org.gridcare.server.desktop.DesktopTransferTest.one;
import static org.gridcare.server.desktop.DesktopTransferTest.rows;
import static org.gridcare.server.desktop.DesktopTransferTest.shot;
import static org.gridcare.server.desktop.DesktopTransferTest.signInReady;
import static org.gridcare.server.desktop.DesktopTransferTest.talkingTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Several calls at once in real headless Chromium on the PBX simulator: during a call the operator dials an outside
 * number (the caller holds, with music), switches between the two (whoever is not talking hears music), hangs up the
 * second and resumes the caller.
 */
@RealServers
class DesktopTwoCallsTest {

  @Test
  void anOperatorHoldsOneCallTalksOnAnotherAndSwitchesBetweenThem(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.crm().loadSampleData(60));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      String phone = rows(cc, "SELECT e164 FROM crm_phone GROUP BY e164 HAVING count(*) = 1 ORDER BY e164 LIMIT 1")
          .getString("e164");
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      sim.phone("PJSIP/op1001").autoAnswer(true);
      sim.external(OUTSIDE).autoAnswer(true);

      ChromeDriver browser = Browser.start(1366, 768);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        signInReady(browser, wait, cc);
        SimCall caller = talkingTo(sim, wait, phone);

        browser.findElement(By.cssSelector("#dial [name=number]")).sendKeys("99 88 77 66");
        browser.findElement(By.cssSelector("#dial button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("second-call"), "data-state", "talking"));
        await(caller.awaitMusicOnHold(true));
        TestCentre.eventually("the operator talks to the outside number", () -> sim.external(OUTSIDE).currentCall()
            .filter(c -> c.state() == CallState.BRIDGED).isPresent());
        SimCall far = sim.external(OUTSIDE).currentCall().orElseThrow();
        wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "held"));
        shot(browser, "desktop-two-calls");

        browser.findElement(By.id("switch")).click(); // back to the caller: the outside party holds
        wait.until(ExpectedConditions.attributeToBe(By.id("second-call"), "data-state", "held"));
        await(far.awaitMusicOnHold(true));
        await(caller.awaitMusicOnHold(false));
        await(caller.awaitState(CallState.BRIDGED));
        wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "talking"));

        browser.findElement(By.id("switch")).click(); // and to the outside party again
        wait.until(ExpectedConditions.attributeToBe(By.id("second-call"), "data-state", "talking"));
        await(caller.awaitMusicOnHold(true));
        await(far.awaitMusicOnHold(false));

        browser.findElement(By.id("second-hang-up")).click();
        await(far.awaitState(CallState.HUNG_UP));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("second")));
        assertThat(caller.state()).isNotEqualTo(CallState.HUNG_UP);
        browser.findElement(By.id("hold")).click(); // Resume
        await(caller.awaitMusicOnHold(false));
        await(caller.awaitState(CallState.BRIDGED));

        String callId = one(cc, "SELECT call_id FROM journal WHERE type = 'acd.call.answered' AND operator_id = $1",
            "op1001").getString("call_id");
        assertThat(one(cc, "SELECT phone FROM journal WHERE type = 'desktop.call.second' AND call_id = $1", callId)
            .getString("phone")).isEqualTo(OUTSIDE);
        assertThat(rows(cc, "SELECT count(*) AS n FROM journal WHERE type = 'desktop.call.switched'").getLong("n"))
            .isEqualTo(2);
        await(caller.hangUp());
      } catch (Throwable e) {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/desktop-two-calls-failure.png"),
            StandardCopyOption.REPLACE_EXISTING);
        throw e;
      } finally {
        browser.quit();
      }
    }
  }
}
