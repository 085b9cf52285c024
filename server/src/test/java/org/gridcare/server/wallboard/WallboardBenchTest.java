package org.gridcare.server.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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

/** The fan-out benchmark on a small scale: every state change reaches every stream, and the figures add up. */
@RealServers
class WallboardBenchTest {

  @Test
  void everyChangeReachesEveryStream(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      await(cc.authentication().addUser("test", new Identity("sup", Set.of(Role.SUPERVISOR), List.of(1, 2, 3)),
          "supervisor-password-1"));
      Vertx clients = Vertx.vertx();
      try {
        String token = await(WebClient.create(clients, new WebClientOptions().setDefaultHost("127.0.0.1")
            .setDefaultPort(cc.httpPort())).post("/api/auth/login").sendJsonObject(new JsonObject()
            .put("username", "sup").put("password", "supervisor-password-1"))).bodyAsJsonObject().getString("token");
        await(cc.acd().acd().login("op1001", "PJSIP/op1001"));
        JsonObject result = new WallboardBench(clients, cc.httpPort(), token, cc.acd().acd(), "op1001").run(20, 6);
        assertThat(result.getInteger("clients")).isEqualTo(20);
        assertThat(result.getInteger("deliveries")).as("6 changes on 20 streams").isEqualTo(120);
        assertThat(result.getDouble("p99_ms")).isPositive().isLessThanOrEqualTo(result.getDouble("max_ms"));
      } finally {
        await(clients.close());
      }
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
