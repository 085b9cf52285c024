package org.gridcare.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
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
import org.gridcare.server.Browser;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desktop stays live by itself: after a server restart the page reconnects and resyncs; a call offered while
 * the page was away pops when it comes back; an unknown caller gets the search box, where a misspelt name finds the
 * customer. Also the Russian bundle, keyboard shortcuts and a refused action explained.
 */
@RealServers
class DesktopResilienceTest {

  @Test
  void thePageReconnectsAfterARestartAndPopsACallOfferedWhileItWasAway(StorageSettings storage) throws Exception {
    Path data = TestCentre.newDataDir();
    Map<String, String> env = new HashMap<>(TestCentre.environment(storage, data));
    env.put("CC_SERVER_PORT", String.valueOf(freePort())); // the same address before and after the restart
    ContactCentreConfig config = ConfigLoader.load(TestCentre.repoRoot().resolve("config/contact-centre.yaml"), env);
    ChromeDriver browser = Browser.start(1366, 768);
    TestCentre centre = TestCentre.start(config);
    try {
      ContactCentre cc = centre.cc();
      await(cc.crm().loadSampleData(60));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      DesktopPageTestData.Customer customer = DesktopPageTestData.customerWithMisspeltName(cc);

      browser.manage().window().setSize(new Dimension(1366, 768));
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
      String page = "http://127.0.0.1:" + cc.httpPort() + "/desktop/";
      browser.get(page);
      new Select(browser.findElement(By.id("language"))).selectByValue("ru");
      wait.until(ExpectedConditions.textToBe(By.cssSelector("#sign-in h2"), "Войти"));
      browser.findElement(By.name("username")).sendKeys("op1001");
      browser.findElement(By.name("password")).sendKeys("agent-password-1");
      browser.findElement(By.cssSelector("#sign-in button")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#softphone button"))).click();
      wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "not-ready"));
      assertThat(browser.findElement(By.id("ready")).getText()).isEqualTo("Готов");
      alt(browser, "r"); // ready by keyboard
      wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));
      assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Готов");
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(),
          TestCentre.repoRoot().resolve("docs/screenshots/desktop-ready-ru.png"), StandardCopyOption.REPLACE_EXISTING);
      new Select(browser.findElement(By.id("language"))).selectByValue("en");

      // a refused action says why
      browser.findElement(By.cssSelector("#dial [name=number]")).sendKeys("91234567");
      browser.findElement(By.cssSelector("#dial button")).click();
      wait.until(ExpectedConditions.textToBe(By.id("error"), "Go not ready before dialling out: you are ready"));

      // the server restarts: the page notices, reconnects by itself and resyncs (the operator is still ready)
      centre.close();
      wait.until(ExpectedConditions.attributeContains(By.id("link"), "class", "down"));
      centre = TestCentre.start(config);
      cc = centre.cc();
      wait.until(ExpectedConditions.not(ExpectedConditions.attributeContains(By.id("link"), "class", "down")));
      wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ready"));

      // the page is away while an unknown caller is offered: the softphone rings (answered after a few seconds)
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      sim.phone("PJSIP/op1001").autoAnswer(true, Duration.ofSeconds(5));
      browser.get("about:blank");
      SimCall caller = sim.placeCall("+4799887766", "80012345");
      await(caller.awaitNextPrompt());
      await(caller.press("1"));
      await(caller.awaitNextPrompt());
      await(caller.press("9"));
      ContactCentre live = cc;
      TestCentre.eventually("the call is offered to op1001",
          () -> "reserved".equals(await(live.acd().acd().operator("op1001")).status().state().id()));
      browser.get(page);
      wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "offered"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
      wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "talking"));

      // an unknown caller: the operator finds the customer by a misspelt name
      new Select(browser.findElement(By.cssSelector("#search [name=kind]"))).selectByValue("name");
      browser.findElement(By.cssSelector("#search [name=value]")).sendKeys(customer.misspelt());
      browser.findElement(By.cssSelector("#search button")).click();
      By match = By.cssSelector("#matches a[data-id='" + customer.id() + "']");
      wait.until(ExpectedConditions.elementToBeClickable(match)).click();
      wait.until(ExpectedConditions.textToBe(By.id("customer-name"), customer.name()));
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(),
          TestCentre.repoRoot().resolve("docs/screenshots/desktop-search.png"), StandardCopyOption.REPLACE_EXISTING);

      // the customer owes money: the application is refused and the page says why
      await(cc.storage().pool().query("UPDATE crm_customer SET debt_cents = 12000 WHERE id = " + customer.id()).execute());
      browser.findElement(By.cssSelector("#application button")).click();
      wait.until(ExpectedConditions.textToBe(By.id("error"),
          "The customer has outstanding debt; settle it before a connection application is accepted"));

      alt(browser, "x"); // hang up by keyboard: wrap-up follows
      await(caller.awaitState(CallState.HUNG_UP));
      wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "wrap-up"));
    } finally {
      browser.quit();
      centre.close();
    }
  }

  private static void alt(ChromeDriver browser, String key) {
    new Actions(browser).keyDown(Keys.ALT).sendKeys(key).keyUp(Keys.ALT).perform();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
