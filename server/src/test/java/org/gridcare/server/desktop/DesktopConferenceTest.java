package org.gridcare.server.desktop;

import static org.gridcare.server.desktop.DesktopTransferTest.OUTSIDE;
import static org.gridcare.server.desktop.DesktopTransferTest.await;
import static org.gridcare.server.desktop.DesktopTransferTest.conference;
import static org.gridcare.server.desktop.DesktopTransferTest.one;
import static org.gridcare.server.desktop.DesktopTransferTest.rows;
import static org.gridcare.server.desktop.DesktopTransferTest.shot;
import static org.gridcare.server.desktop.DesktopTransferTest.signInReady;
import static org.gridcare.server.desktop.DesktopTransferTest.talkingTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
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
 * A conference from the desktop in real headless Chromium on the PBX simulator: a colleague and an outside number join
 * the caller and the operator in one ConfBridge room; when the operator hangs up the parties are hung up and the caller
 * goes on to the post-call survey.
 */
@RealServers
class DesktopConferenceTest {

  @Test
  void anOperatorAddsAColleagueAndAnOutsideNumberToAConference(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.crm().loadSampleData(60));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      String phone = rows(cc, "SELECT e164 FROM crm_phone GROUP BY e164 HAVING count(*) = 1 ORDER BY e164 LIMIT 1")
          .getString("e164");
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      sim.phone("PJSIP/op1001").autoAnswer(true);
      sim.phone("PJSIP/op1002").autoAnswer(true);
      sim.external(OUTSIDE).autoAnswer(true);
      await(cc.acd().acd().login("op1002", null));

      ChromeDriver browser = Browser.start(1366, 768);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        signInReady(browser, wait, cc);
        SimCall caller = talkingTo(sim, wait, phone);
        conference(browser, wait, "operator", "op1002");
        wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "conference"));
        conference(browser, wait, "number", "99 88 77 66");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conference"), "op1002"));
        String callId = one(cc, "SELECT call_id FROM journal WHERE type = 'acd.call.answered' AND operator_id = $1",
            "op1001").getString("call_id");
        String room = "conf-" + callId.replaceAll("[^A-Za-z0-9_.-]", "-");
        TestCentre.eventually("all four in one room", () -> await(sim.conference(room)).size() == 4);
        assertThat(await(sim.conference(room))).contains(caller.channel(),
            sim.phone("PJSIP/op1001").currentCall().orElseThrow().channel(),
            sim.phone("PJSIP/op1002").currentCall().orElseThrow().channel(),
            sim.external(OUTSIDE).currentCall().orElseThrow().channel());
        assertThat(rows(cc, "SELECT count(*) AS n FROM journal WHERE type = 'desktop.call.conferenced'").getLong("n"))
            .isEqualTo(2);
        assertThat(one(cc, "SELECT phone FROM journal WHERE type = 'desktop.call.conferenced' AND data->>'party' = $1",
            "external").getString("phone")).isEqualTo(OUTSIDE);
        shot(browser, "desktop-conference");

        // the operator hangs up: the desktop hangs up the added parties, the caller (line 1 has the post-call
        // survey) leaves the room for the survey, the operator goes to wrap-up
        SimCall colleague = sim.phone("PJSIP/op1002").currentCall().orElseThrow();
        SimCall far = sim.external(OUTSIDE).currentCall().orElseThrow();
        browser.findElement(By.id("hang-up")).click();
        await(colleague.awaitState(CallState.HUNG_UP));
        await(far.awaitState(CallState.HUNG_UP));
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap-up"));
        TestCentre.eventually("the caller has left the room for the survey", () -> await(sim.conference(room)).isEmpty());
        assertThat(caller.state()).isNotEqualTo(CallState.HUNG_UP);
        assertThat(one(cc, "SELECT data FROM journal WHERE type = 'acd.call.completed' AND call_id = $1", callId)
            .getJsonObject("data").getBoolean("survey")).isTrue();
        await(caller.hangUp());
      } catch (Throwable e) {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/desktop-conference-failure.png"),
            StandardCopyOption.REPLACE_EXISTING);
        throw e;
      } finally {
        browser.quit();
      }
    }
  }

}
