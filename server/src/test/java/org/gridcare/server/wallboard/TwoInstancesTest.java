package org.gridcare.server.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on the same PostgreSQL and Redis: a wallboard stream opened on one shows what the other's ACD
 * did (events through Redis pub/sub), filtered by the supervisor's lines; alert thresholds set on one are the other's.
 */
@RealServers
class TwoInstancesTest {

  @Test
  void aWallboardOnOneInstanceSeesTheOtherInstancesEvents(StorageSettings storage) throws Exception {
    try (TestCentre a = TestCentre.start(storage); TestCentre b = TestCentre.start(storage)) {
      ContactCentre ca = a.cc();
      ContactCentre cb = b.cc();
      await(cb.authentication().addUser("test", new Identity("sup2", Set.of(Role.SUPERVISOR), List.of(2)), "supervisor-password-2"));
      WebClient web = WebClient.create(cb.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cb.httpPort()));
      String token = await(web.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "sup2")
          .put("password", "supervisor-password-2"))).bodyAsJsonObject().getString("token");

      CompletableFuture<String> seen = new CompletableFuture<>();
      StringBuilder received = new StringBuilder();
      CompletableFuture<Void> connected = new CompletableFuture<>();
      HttpClient client = cb.vertx().createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cb.httpPort()));
      client.request(HttpMethod.GET, "/api/wallboard/stream?access_token=" + token)
          .compose(req -> req.send())
          .onSuccess(resp -> resp.handler(chunk -> {
            received.append(chunk.toString());
            if (received.toString().contains(": connected")) {
              connected.complete(null);
            }
            if (received.toString().contains("\"operatorId\":\"op2001\"")) {
              seen.complete(received.toString());
            }
          }))
          .onFailure(seen::completeExceptionally);
      connected.get(30, TimeUnit.SECONDS);

      // instance A's ACD: op1001 (line 1: outside sup2's scope) first, then op2001 (line 2)
      await(ca.acd().acd().login("op1001", "PJSIP/op1001"));
      await(ca.acd().acd().login("op2001", "PJSIP/op2001"));
      String stream = seen.get(10, TimeUnit.SECONDS);
      assertThat(stream).contains("event: operator-state").doesNotContain("op1001");

      // thresholds changed through B are what A serves
      await(ca.authentication().addUser("test", new Identity("boss", Set.of(Role.ADMIN), List.of()), "admin-password-1"));
      WebClient webA = WebClient.create(ca.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(ca.httpPort()));
      assertThat(await(web.put("/api/wallboard/lines/2/alerts").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("maxWaiting", 3).put("maxLongestWaitSeconds", 45).put("minServiceLevel", 0.9)))
          .statusCode()).isEqualTo(200);
      String admin = await(webA.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "boss")
          .put("password", "admin-password-1"))).bodyAsJsonObject().getString("token");
      JsonObject state = await(webA.get("/api/wallboard/state").bearerTokenAuthentication(admin).send()).bodyAsJsonObject();
      JsonObject line2 = state.getJsonArray("lines").stream().map(JsonObject.class::cast)
          .filter(l -> l.getInteger("line") == 2).findFirst().orElseThrow();
      assertThat(line2.getJsonObject("alerts").getInteger("maxWaiting")).isEqualTo(3);
      assertThat(line2.getJsonObject("alerts").getDouble("minServiceLevel")).isEqualTo(0.9);
      client.close();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
