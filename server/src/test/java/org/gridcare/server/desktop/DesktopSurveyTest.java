package org.gridcare.server.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.desktop.DesktopTransferTest.await;
import static org.gridcare.server.desktop.DesktopTransferTest.rows;
import static org.gridcare.server.desktop.DesktopTransferTest.shot;
import static org.gridcare.server.desktop.DesktopTransferTest.signInReady;
import static org.gridcare.server.desktop.DesktopTransferTest.talkingTo;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketTopic;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In real headless Chromium on the PBX simulator, an operator on a call: runs the satisfaction survey (a missing
 * answer is refused on the page; the answers land in a new ticket of the call, readable through the ticket API, and
 * in the journal; a ticket of a line not theirs is refused with 403; the form speaks Russian too); gets the pop-up of
 * a ticket deadline reminder; plays their recording of the call in the built-in player, which streams it with Range
 * requests (seekable) once they give the reason {@code recordings.listen-reason: always} asks for, each request
 * audited as a listen.
 */
@RealServers
class DesktopSurveyTest {

  @Test
  void anOperatorRunsASurveyOnACallGetsAReminderAndStreamsTheRecording(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage, Map.of("CC_RECORDINGS_LISTEN_REASON", "always",
        "CC_CRM_REMINDER_ROUND", "2s"))) {
      ContactCentre cc = centre.cc();
      await(cc.crm().loadSampleData(60));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      Row customer = rows(cc, "SELECT p.e164, c.id FROM crm_phone p JOIN crm_customer c ON c.id = p.customer_id"
          + " WHERE p.e164 IN (SELECT e164 FROM crm_phone GROUP BY e164 HAVING count(*) = 1) ORDER BY c.id LIMIT 1");
      long customerId = customer.getLong("id");
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      sim.phone("PJSIP/op1001").autoAnswer(true);

      ChromeDriver browser = Browser.start(1366, 768);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        signInReady(browser, wait, cc);
        SimCall caller = talkingTo(sim, wait, customer.getString("e164"));
        wait.until(ExpectedConditions.attributeToBe(By.id("customer-name"), "data-customer", String.valueOf(customerId)));
        String callId = rows(cc, "SELECT call_id FROM journal WHERE type = 'acd.call.answered' AND operator_id = 'op1001'")
            .getString("call_id");
        // a ticket of op1001's due in 20 s: the CRM's reminder round (every 2 s here) reminds them meanwhile
        Ticket due = await(cc.crm().tickets().open(new TicketDraft(customerId, TicketTopic.BILLING, "Call back about the bill",
            null, 1, "op1001", Instant.now().plusSeconds(20), TicketSource.OPERATOR, null, "test")));

        // the survey: a required answer missing is refused on the page
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("survey")));
        browser.findElement(By.id("sq-rating-4")).click();
        browser.findElement(By.cssSelector("#survey button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "Please answer: Was your question resolved today?"));
        new Select(browser.findElement(By.id("sq-resolved"))).selectByValue("yes");
        new Select(browser.findElement(By.id("sq-informed-by"))).selectByValue("sms");
        browser.findElement(By.id("sq-comment")).sendKeys("Quick and kind");
        // in Russian: the same form, answers kept
        new Select(browser.findElement(By.id("language"))).selectByValue("ru");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sq-rating-label"), "Насколько вы довольны"));
        assertThat(browser.findElement(By.id("sq-rating-4")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("sq-comment")).getDomProperty("value")).isEqualTo("Quick and kind");
        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sq-rating-label"), "How satisfied"));
        browser.findElement(By.cssSelector("#survey button")).click();
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("survey-saved")), "data-ticket"));
        long ticketId = Long.parseLong(browser.findElement(By.id("survey-saved")).getAttribute("data-ticket"));
        assertThat(browser.findElement(By.id("ticket-number")).getAttribute("data-ticket")).isEqualTo(String.valueOf(ticketId));
        shot(browser, "desktop-survey");

        // the answers in the ticket, read through the CRM's API, with the call linked
        JsonObject ticket = new JsonObject((String) fetch(browser, "GET", "/api/crm/tickets/" + ticketId, null, "text"));
        assertThat(ticket.getJsonArray("notes").getJsonObject(0).getString("body"))
            .startsWith("Survey \"Customer satisfaction\" (satisfaction):")
            .contains("How satisfied are you with how we handled your call? 4/5", "Was your question resolved today? yes",
                "How would you like to hear about outages in your area? sms", "Anything we could do better? Quick and kind");
        assertThat(ticket.getJsonArray("links").stream().map(l -> ((JsonObject) l).getString("ref"))).contains(callId);
        // and in the journal, for the reports: typed answers, the call, line, operator and customer; no free text
        Row answered = rows(cc, "SELECT call_id, line, operator_id, customer_id, data FROM journal"
            + " WHERE type = 'desktop.survey.answered'");
        assertThat(answered.getString("call_id")).isEqualTo(callId);
        assertThat(answered.getInteger("line")).isEqualTo(1);
        assertThat(answered.getString("operator_id")).isEqualTo("op1001");
        assertThat(answered.getString("customer_id")).isEqualTo(String.valueOf(customerId));
        JsonObject data = answered.getJsonObject("data");
        assertThat(data.getString("survey")).isEqualTo("satisfaction");
        assertThat(data.getString("ticket")).isEqualTo(String.valueOf(ticketId));
        assertThat(data.getJsonObject("answers").getMap()).containsExactlyInAnyOrderEntriesOf(
            Map.of("rating", 4, "resolved", "yes", "informed-by", "sms"));
        assertThat(data.encode()).doesNotContain("Quick and kind");
        // a ticket of line 3 is not the agent's to write into
        Ticket other = await(cc.crm().tickets().open(new TicketDraft(customerId, TicketTopic.COMPLAINT, "Someone else's",
            null, 3, null, null, TicketSource.OPERATOR, null, "test")));
        assertThat(fetch(browser, "POST", "/api/desktop/surveys/satisfaction/answers", "{\"callId\": \"" + callId
            + "\", \"ticketId\": " + other.id() + ", \"answers\": {\"rating\": \"1\", \"resolved\": \"no\"}}", "status"))
            .isEqualTo(403L);

        // the reminder of the ticket due soon pops up
        new WebDriverWait(browser, Duration.ofSeconds(40)).until(ExpectedConditions.textToBePresentInElementLocated(
            By.id("reminders"), due.number() + " · Call back about the bill"));
        shot(browser, "desktop-reminder");
        // a page reloaded later still shows it (once); dismissed, it stays away
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("reminders"), due.number()));
        wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "talking"));
        assertThat(browser.findElements(By.cssSelector("#reminders .reminder"))).hasSize(1);
        browser.findElement(By.cssSelector("#reminders .reminder")).click();
        assertThat(browser.findElements(By.cssSelector("#reminders .reminder"))).isEmpty();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("call-state"), "data-state", "talking"));

        // the recording of the call in the player: streamed with Range once a reason is given, seekable
        await(caller.hangUp());
        TestCentre.eventually("the call's recording is catalogued", () -> cc.storage().pool()
            .preparedQuery("SELECT 1 FROM rec_recording WHERE call_id = $1 AND status = 'stored'")
            .execute(io.vertx.sqlclient.Tuple.of(callId)).toCompletionStage().toCompletableFuture().get().size() == 1);
        assertThat(browser.findElements(By.cssSelector("#reminders .reminder"))).isEmpty();
        String recording = rows(cc, "SELECT id::text AS id FROM rec_recording WHERE call_id = '" + callId + "'").getString("id");
        browser.findElement(By.cssSelector("#tabs [data-tab=recordings]")).click();
        By play = By.cssSelector("#recordings button[data-id='" + recording + "']");
        wait.until(ExpectedConditions.elementToBeClickable(play)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "reason"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("listen-reason"))).sendKeys("Quality check of my call");
        browser.findElement(play).click();
        Object seekable = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "const p = document.getElementById('player');"
            + "const ready = () => { p.currentTime = p.duration / 2;"
            + "  p.addEventListener('seeked', () => done([p.seekable.length ? p.seekable.end(0) : 0, p.duration, p.currentTime]),"
            + "    {once: true}); };"
            + "if (p.readyState >= 1) ready(); else p.addEventListener('loadedmetadata', ready, {once: true});");
        List<?> seek = (List<?>) seekable;
        double duration = ((Number) seek.get(1)).doubleValue();
        assertThat(duration).isGreaterThan(1.0);
        assertThat(((Number) seek.get(0)).doubleValue()).as("seekable up to the end").isEqualTo(duration);
        assertThat(((Number) seek.get(2)).doubleValue()).isCloseTo(duration / 2, org.assertj.core.data.Offset.offset(0.5));
        // the server saw Range requests (answered 206), each audited as a listen with the reason
        Row listens = rows(cc, "SELECT count(*) AS n, count(*) FILTER (WHERE details->>'range' LIKE 'bytes=%') AS ranged,"
            + " min(reason) AS reason FROM audit WHERE action = 'recording.listened' AND subject_id = '" + recording + "'");
        assertThat(listens.getLong("ranged")).isPositive().isEqualTo(listens.getLong("n"));
        assertThat(listens.getString("reason")).isEqualTo("Quality check of my call");
        long size = rows(cc, "SELECT size_bytes FROM rec_recording WHERE id::text = '" + recording + "'").getLong("size_bytes");
        assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "fetch('/api/recordings/" + recording + "/audio?reason=Quality+check&access_token='"
            + " + encodeURIComponent(sessionStorage.getItem('gridcare.token')), {headers: {Range: 'bytes=100-199'}})"
            + ".then(r => done([r.status, r.headers.get('Content-Range')]));"))
            .isEqualTo(List.of(206L, "bytes 100-199/" + size));
        // the token in the query opens only the audio (and the SSE streams), and only for reading
        assertThat(browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "fetch('/api/desktop/history?access_token=' + encodeURIComponent(sessionStorage.getItem('gridcare.token')))"
            + ".then(r => done(r.status));")).isEqualTo(401L);
      } catch (Throwable e) {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/desktop-survey-failure.png"),
            StandardCopyOption.REPLACE_EXISTING);
        throw e;
      } finally {
        browser.quit();
      }
    }
  }

  /** A request with the page's token: its status ({@code "status"}) or body text ({@code "text"}). */
  private static Object fetch(ChromeDriver browser, String method, String path, String body, String what) {
    return browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch(arguments[1], {method: arguments[0], headers: {'Content-Type': 'application/json',"
        + " Authorization: 'Bearer ' + sessionStorage.getItem('gridcare.token')}, body: arguments[2]})"
        + ".then(r => arguments[3] === 'status' ? done(r.status) : r.text().then(done));", method, path, body, what);
  }
}
