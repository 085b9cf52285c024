package org.gridcare.server.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.app.QueueRequest;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Skills changed on the wallboard are what routing uses at once, on every instance; a reset brings the configured
 * skills back. Each change is audited and journalled; an operator outside the supervisor's lines is refused.
 */
@RealServers
class WallboardOverridesTest {

  @Test
  void routingFollowsSkillsSetOnTheWallboardOfAnotherInstance(StorageSettings storage) throws Exception {
    try (TestCentre a = TestCentre.start(storage); TestCentre b = TestCentre.start(storage)) {
      ContactCentre ca = a.cc();
      ContactCentre cb = b.cc();
      await(cb.authentication().addUser("test", new Identity("sup1", Set.of(Role.SUPERVISOR), List.of(1)), "supervisor-password-1"));
      await(cb.authentication().addUser("test", new Identity("sup3", Set.of(Role.SUPERVISOR), List.of(3)), "supervisor-password-3"));
      WebClient web = WebClient.create(cb.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(cb.httpPort()));
      String sup1 = login(web, "sup1", "supervisor-password-1");
      String sup3 = login(web, "sup3", "supervisor-password-3");

      // op1002 (line 1: outage 3, contacts 5) is the only operator ready; nobody could take a power-quality call
      await(ca.acd().acd().login("op1002", "PJSIP/op1002"));
      await(ca.acd().acd().ready("op1002"));

      JsonObject skills = new JsonObject().put("outage", 3).put("contacts", 5).put("power-quality", 4);
      HttpResponse<?> refused = await(web.put("/api/wallboard/operators/op1002/skills").bearerTokenAuthentication(sup3)
          .sendJsonObject(new JsonObject().put("skills", skills)));
      assertThat(refused.statusCode()).as("a line-3 supervisor cannot change a line-1 operator").isEqualTo(403);
      HttpResponse<?> unknown = await(web.put("/api/wallboard/operators/op1002/skills").bearerTokenAuthentication(sup1)
          .sendJsonObject(new JsonObject().put("skills", new JsonObject().put("astrology", 3))));
      assertThat(unknown.statusCode()).isEqualTo(400);

      HttpResponse<?> set = await(web.put("/api/wallboard/operators/op1002/skills").bearerTokenAuthentication(sup1)
          .sendJsonObject(new JsonObject().put("skills", skills)));
      assertThat(set.statusCode()).isEqualTo(200);
      assertThat(set.bodyAsJsonObject().getJsonObject("skills").getInteger("power-quality")).isEqualTo(4);

      // set through instance B, announced through Redis: instance A routes a power-quality caller to op1002
      TestCentre.eventually("instance A sees the new skill",
          () -> await(ca.acd().acd().operator("op1002")).operator().level("power-quality") == 4);
      await(ca.acd().acd().enqueue(new QueueRequest("call-pq-1", "PJSIP/trunk-0001", "power-quality", null, null, null, 0,
          null, null)));
      TestCentre.eventually("call-pq-1 offered to op1002", () -> count(ca,
          "SELECT count(*) FROM journal WHERE type = 'acd.call.offered' AND call_id = 'call-pq-1' AND operator_id = 'op1002'") == 1);
      Row changed = rows(ca, "SELECT data FROM journal WHERE type = 'acd.operator.skills.changed' AND operator_id = 'op1002'").get(0);
      assertThat(changed.getJsonObject("data").getString("by")).isEqualTo("sup1");
      assertThat(changed.getJsonObject("data").getJsonObject("skills").getInteger("power-quality")).isEqualTo(4);
      assertThat(count(ca, "SELECT count(*) FROM audit WHERE actor = 'sup1' AND action = 'operator.skills-changed' "
          + "AND subject_id = 'op1002'")).isEqualTo(1);
      JsonObject op = operator(web, sup1, "op1002");
      assertThat(op.getBoolean("skillsOverridden")).isTrue();
      assertThat(op.getJsonObject("skills").getInteger("power-quality")).isEqualTo(4);

      HttpResponse<?> reset = await(web.delete("/api/wallboard/operators/op1002/skills").bearerTokenAuthentication(sup1).send());
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(reset.bodyAsJsonObject().getJsonObject("skills").containsKey("power-quality")).isFalse();
      TestCentre.eventually("instance A back on the configured skills",
          () -> !await(ca.acd().acd().operator("op1002")).operator().skills().containsKey("power-quality"));
      assertThat(operator(web, sup1, "op1002").getBoolean("skillsOverridden")).isFalse();
    }
  }

  private static JsonObject operator(WebClient web, String token, String id) throws Exception {
    JsonObject state = await(web.get("/api/wallboard/state").bearerTokenAuthentication(token).send()).bodyAsJsonObject();
    return state.getJsonArray("operators").stream().map(JsonObject.class::cast)
        .filter(o -> id.equals(o.getString("id"))).findFirst().orElseThrow();
  }

  static String login(WebClient web, String user, String password) throws Exception {
    return await(web.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", user)
        .put("password", password))).bodyAsJsonObject().getString("token");
  }

  private static List<Row> rows(ContactCentre cc, String sql) throws Exception {
    List<Row> out = new java.util.ArrayList<>();
    await(cc.storage().pool().preparedQuery(sql).execute(Tuple.tuple())).forEach(out::add);
    return out;
  }

  private static long count(ContactCentre cc, String sql) throws Exception {
    return rows(cc, sql).get(0).getLong(0);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
