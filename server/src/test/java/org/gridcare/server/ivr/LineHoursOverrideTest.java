package org.gridcare.server.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * A line closed by its configured hours, opened from the wallboard: the IVR queues its callers; closed again: they
 * leave a voicemail. Both the IVR's check and the ACD's read the same override (Redis); each change is audited and
 * journalled with who and until when.
 */
@RealServers
class LineHoursOverrideTest {
  private static final String LINE_2_HOURS =
      "hours: {mon: \"08:00-20:00\", tue: \"08:00-20:00\", wed: \"08:00-20:00\", thu: \"08:00-20:00\", fri: \"08:00-18:00\", sat: closed, sun: closed}";

  @Test
  void aSupervisorOpensAClosedLineAndClosesItAgain(StorageSettings storage) throws Exception {
    try (IvrCentre centre = IvrCentre.start(storage, yaml -> yaml.replace(LINE_2_HOURS,
        "hours: {mon: closed, tue: closed, wed: closed, thu: closed, fri: closed, sat: closed, sun: closed}"))) {
      IvrCentre.await(centre.cc.authentication().addUser("test",
          new Identity("sup2", Set.of(Role.SUPERVISOR), List.of(2)), "supervisor-password-2"), 30);
      IvrCentre.await(centre.cc.authentication().addUser("test",
          new Identity("sup3", Set.of(Role.SUPERVISOR), List.of(3)), "supervisor-password-3"), 30);
      WebClient web = WebClient.create(centre.cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(centre.cc.httpPort()));
      String sup2 = login(web, "sup2", "supervisor-password-2");
      String sup3 = login(web, "sup3", "supervisor-password-3");
      assertThat(centre.cc.acd().acd().isOpen(2)).as("closed by configuration").isFalse();

      HttpResponse<?> refused = IvrCentre.await(web.put("/api/wallboard/lines/2/hours").bearerTokenAuthentication(sup3)
          .sendJsonObject(new JsonObject().put("open", true)), 30);
      assertThat(refused.statusCode()).as("line 2 is outside a line-3 supervisor's lines").isEqualTo(403);

      Instant until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      HttpResponse<?> opened = IvrCentre.await(web.put("/api/wallboard/lines/2/hours").bearerTokenAuthentication(sup2)
          .sendJsonObject(new JsonObject().put("open", true).put("until", until.toString())), 30);
      assertThat(opened.statusCode()).isEqualTo(200);
      assertThat(opened.bodyAsJsonObject().getString("until")).isEqualTo(until.toString());
      assertThat(line2(web, sup2).getBoolean("open")).isTrue();

      WireCaller queued = meteringCaller(centre, "+4798765432");
      TestCentre.eventually("the caller queued on line 2", () -> centre.count(
          "SELECT count(*) FROM journal WHERE type = 'acd.call.queued' AND call_id = $1 AND line = 2", queued.callId()) == 1);
      // the IVR journals its transfer step once the ACD has queued the caller: awaited, not assumed
      TestCentre.eventually("the transfer step journalled", () -> centre.steps(queued.callId()).stream()
          .anyMatch(st -> "transfer-metering".equals(st.getString("node"))));
      assertThat(centre.step(queued.callId(), "transfer-metering").getString("outcome")).isNotEqualTo("line-closed");
      queued.hangUp();

      HttpResponse<?> closed = IvrCentre.await(web.put("/api/wallboard/lines/2/hours").bearerTokenAuthentication(sup2)
          .sendJsonObject(new JsonObject().put("open", false)), 30);
      assertThat(closed.statusCode()).isEqualTo(200);
      assertThat(closed.bodyAsJsonObject().getString("until")).as("until further notice").isNull();

      WireCaller late = meteringCaller(centre, "+4798765432");
      assertThat(late.hearNext()).isEqualTo(centre.staticPrompt("en", "line-closed"));
      assertThat(late.hearNext()).isEqualTo(centre.staticPrompt("en", "voicemail"));
      late.hangUp();
      assertThat(centre.count("SELECT count(*) FROM journal WHERE type = 'acd.call.queued' AND call_id = $1",
          late.callId())).isZero();

      List<Row> journal = centre.rows("SELECT type, data FROM journal WHERE type IN ('acd.line.opened', 'acd.line.closed') "
          + "AND line = 2 ORDER BY id");
      assertThat(journal).extracting(r -> r.getString("type")).containsExactly("acd.line.opened", "acd.line.closed");
      assertThat(journal.get(0).getJsonObject("data").getString("by")).isEqualTo("sup2");
      assertThat(journal.get(0).getJsonObject("data").getString("until")).isEqualTo(until.toString());
      assertThat(journal.get(1).getJsonObject("data").containsKey("until")).isFalse();
      assertThat(centre.count("SELECT count(*) FROM audit WHERE actor = 'sup2' AND subject_type = 'line' AND subject_id = '2' "
          + "AND action IN ('line.opened', 'line.closed')")).isEqualTo(2);

      HttpResponse<?> reset = IvrCentre.await(web.delete("/api/wallboard/lines/2/hours").bearerTokenAuthentication(sup2)
          .send(), 30);
      assertThat(reset.statusCode()).isEqualTo(204);
      assertThat(line2(web, sup2).getValue("override")).isNull();
      assertThat(centre.cc.acd().acd().isOpen(2)).as("the configured hours again").isFalse();
    }
  }

  /** A caller through the menu to "meters and readings" (line 2). */
  private static WireCaller meteringCaller(IvrCentre centre, String number) throws Exception {
    WireCaller caller = new WireCaller(centre.simulator().placeCall(number, "80012345"));
    caller.hear(centre.staticPrompt("en", "choose-language"));
    caller.press("1");
    caller.hear(centre.staticPrompt("en", "ask-identifier"));
    caller.press("0");
    caller.hear(centre.staticPrompt("en", "main-menu"));
    caller.press("4");
    caller.hear(centre.staticPrompt("en", "operator-menu"));
    caller.press("3");
    return caller;
  }

  private static JsonObject line2(WebClient web, String token) throws Exception {
    JsonObject state = IvrCentre.await(web.get("/api/wallboard/state").bearerTokenAuthentication(token).send(), 30)
        .bodyAsJsonObject();
    return state.getJsonArray("lines").stream().map(JsonObject.class::cast).filter(l -> l.getInteger("line") == 2)
        .findFirst().orElseThrow();
  }

  private static String login(WebClient web, String user, String password) throws Exception {
    return IvrCentre.await(web.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", user)
        .put("password", password)), 30).bodyAsJsonObject().getString("token");
  }
}
