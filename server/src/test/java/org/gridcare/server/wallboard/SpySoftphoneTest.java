package org.gridcare.server.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Listen-in rings the softphone of the supervisor's account, set by an administrator (audited): without one the spy
 * is refused with 409 {@code no-softphone}; a softphone named in the request is refused by the contract.
 */
@RealServers
class SpySoftphoneTest {

  @Test
  void theSpyUsesTheSoftphoneOfTheAccount(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.authentication().addUser("test", new Identity("sup2", Set.of(Role.SUPERVISOR), List.of(2)), "supervisor-password-2"));
      await(cc.authentication().addUser("test", new Identity("boss", Set.of(Role.ADMIN), List.of()), "admin-password-1"));
      WebClient web = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(cc.httpPort()));
      String sup2 = WallboardOverridesTest.login(web, "sup2", "supervisor-password-2");
      String boss = WallboardOverridesTest.login(web, "boss", "admin-password-1");

      HttpResponse<?> none = spy(web, sup2, new JsonObject().put("mode", "listen"));
      assertThat(none.statusCode()).isEqualTo(409);
      assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("no-softphone");
      assertThat(spy(web, sup2, new JsonObject().put("mode", "listen").put("endpoint", "PJSIP/op2002")).statusCode())
          .as("no softphone from the request").isEqualTo(400);

      assertThat(await(web.put("/api/users/sup2/endpoint").bearerTokenAuthentication(sup2)
          .sendJsonObject(new JsonObject().put("endpoint", "PJSIP/sup2"))).statusCode()).as("admins only").isEqualTo(403);
      assertThat(await(web.put("/api/users/sup2/endpoint").bearerTokenAuthentication(boss)
          .sendJsonObject(new JsonObject().put("endpoint", "SIP/elsewhere"))).statusCode()).isEqualTo(400);
      assertThat(await(web.put("/api/users/nobody/endpoint").bearerTokenAuthentication(boss)
          .sendJsonObject(new JsonObject().put("endpoint", "PJSIP/sup2"))).statusCode()).isEqualTo(404);
      assertThat(await(web.put("/api/users/sup2/endpoint").bearerTokenAuthentication(boss)
          .sendJsonObject(new JsonObject().put("endpoint", "PJSIP/sup2"))).statusCode()).isEqualTo(204);
      assertThat(await(cc.authentication().endpoint("sup2"))).contains("PJSIP/sup2");
      assertThat(await(cc.storage().pool().query("SELECT count(*) FROM audit WHERE actor = 'boss' "
          + "AND action = 'user.endpoint-set' AND subject_id = 'sup2' AND details->>'endpoint' = 'PJSIP/sup2'").execute())
          .iterator().next().getLong(0)).isEqualTo(1);

      HttpResponse<?> notOnCall = spy(web, sup2, new JsonObject().put("mode", "listen"));
      assertThat(notOnCall.statusCode()).isEqualTo(409);
      assertThat(notOnCall.bodyAsJsonObject().getString("error")).as("past the softphone check")
          .isEqualTo("operator-not-on-call");
    }
  }

  private static HttpResponse<?> spy(WebClient web, String token, JsonObject body) throws Exception {
    return await(web.post("/api/wallboard/operators/op2001/spy").bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
