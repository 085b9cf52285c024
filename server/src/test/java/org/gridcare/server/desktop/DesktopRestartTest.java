package org.gridcare.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.desktop.DesktopTransferTest.OUTSIDE;
import static org.gridcare.server.desktop.DesktopTransferTest.await;
import static org.gridcare.server.desktop.DesktopTransferTest.one;
import static org.gridcare.server.desktop.DesktopTransferTest.signInReady;
import static org.gridcare.server.desktop.DesktopTransferTest.talkingTo;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimulatorOptions;
import org.gridcare.server.Browser;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The server restarts in the middle of an attended transfer, with the PBX (the simulator, as an Asterisk apart from
 * the server) and the calls carrying on: the page reconnects and still shows the consultation, completing it connects
 * the caller to the outside party, and when that party hangs up the desktop hangs up the caller it handed over.
 */
@RealServers
class DesktopRestartTest {

  @Test
  void aConsultationInProgressSurvivesARestartOfTheServer(Vertx vertx, StorageSettings storage, @TempDir Path dir)
      throws Exception {
    Path data = TestCentre.newDataDir();
    int agiPort = freePort();
    PbxSimulator sim = PbxSimulator.start(vertx, SimulatorOptions.builder().amiPort(0).agi("127.0.0.1", agiPort)
        .amiCredentials("contact-centre", "restart-secret").recordingsDir(data.resolve("monitor")).build())
        .await(30, TimeUnit.SECONDS);
    Path secret = Files.writeString(dir.resolve("ami-secret"), "restart-secret\n");
    Path file = dir.resolve("asterisk.yaml");
    Files.writeString(file, Files.readString(TestCentre.repoRoot().resolve("config/contact-centre.yaml"))
        .replaceFirst("(?m)^  mode: simulator", "  mode: asterisk")
        .replaceFirst("(?m)^    max-reconnect-backoff: 30s", "    max-reconnect-backoff: 30s\n    secret: {file: \"" + secret + "\"}"));
    Map<String, String> env = new HashMap<>(TestCentre.environment(storage, data));
    env.put("CC_SERVER_PORT", String.valueOf(freePort())); // the same address before and after the restart
    env.put("CC_PBX_AMI_PORT", String.valueOf(sim.amiPort()));
    env.put("CC_PBX_AGI_PORT", String.valueOf(agiPort));
    ContactCentreConfig config = ConfigLoader.load(file, env);
    ChromeDriver browser = Browser.start(1366, 768);
    TestCentre centre = TestCentre.start(config);
    try {
      ContactCentre cc = centre.cc();
      await(cc.crm().loadSampleData(60));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      String phone = DesktopTransferTest.rows(cc, "SELECT e164 FROM crm_phone GROUP BY e164 HAVING count(*) = 1"
          + " ORDER BY e164 LIMIT 1").getString("e164");
      sim.phone("PJSIP/op1001").autoAnswer(true);
      sim.external(OUTSIDE).autoAnswer(true);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
      signInReady(browser, wait, cc);

      // consulting an outside number, the caller on hold
      SimCall caller = talkingTo(sim, wait, phone);
      browser.findElement(By.id("transfer")).click();
      new Select(browser.findElement(By.cssSelector("#transfer-form [name=to]"))).selectByValue("number");
      browser.findElement(By.cssSelector("#transfer-form [name=target]")).sendKeys("99 88 77 66");
      WebElement attended = browser.findElement(By.cssSelector("#transfer-form [name=attended]"));
      assertThat(attended.isSelected()).isTrue();
      browser.findElement(By.cssSelector("#transfer-form button")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transfer-complete")));
      await(caller.awaitMusicOnHold(true));
      TestCentre.eventually("the operator consults the outside number", () -> sim.external(OUTSIDE).currentCall()
          .filter(c -> c.state() == CallState.BRIDGED).isPresent());
      SimCall far = sim.external(OUTSIDE).currentCall().orElseThrow();

      // the server restarts; the PBX and every call on it carry on
      centre.close();
      wait.until(ExpectedConditions.attributeContains(By.id("link"), "class", "down"));
      assertThat(caller.state()).isNotEqualTo(CallState.HUNG_UP);
      centre = TestCentre.start(config);
      cc = centre.cc();
      wait.until(ExpectedConditions.not(ExpectedConditions.attributeContains(By.id("link"), "class", "down")));
      // the restarted server still knows the consultation (the page's resync reads the same session)
      JsonObject call = new JsonObject((String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('/api/desktop/session', {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('gridcare.token')}})"
          + ".then(r => r.text()).then(done);")).getJsonObject("call");
      assertThat(call.getString("state")).isEqualTo("consulting");
      assertThat(call.getJsonObject("transfer").getString("to")).isEqualTo("external");
      wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "consulting"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transfer-complete")));

      // completing it after the restart connects caller and outside party; the operator goes to wrap-up
      browser.findElement(By.id("transfer-complete")).click();
      wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap-up"));
      await(caller.awaitMusicOnHold(false));
      await(caller.awaitState(CallState.BRIDGED));
      TestCentre.eventually("op1001's softphone is free", () -> sim.phone("PJSIP/op1001").currentCall().isEmpty());
      assertThat(one(cc, "SELECT phone FROM journal WHERE type = 'desktop.call.transferred' AND data->>'to' = $1",
          "external").getString("phone")).isEqualTo(OUTSIDE);

      // the outside party hangs up: the desktop hangs up the caller it connected them to
      await(far.hangUp());
      await(caller.awaitState(CallState.HUNG_UP));
    } catch (Throwable e) {
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/desktop-restart-failure.png"),
          StandardCopyOption.REPLACE_EXISTING);
      throw e;
    } finally {
      browser.quit();
      centre.close();
      sim.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
