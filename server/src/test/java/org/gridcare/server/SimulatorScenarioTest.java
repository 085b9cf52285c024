package org.gridcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.gridcare.server.cli.ContactCentreCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./contact-centre simulate}'s server side: a seeded scenario through the running server's simulator. */
@RealServers
class SimulatorScenarioTest {

  @Test
  void scenarioPlacesEveryCallAndAccountsForEveryQueuedOne(StorageSettings storage, @TempDir Path dir) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()).setIdleTimeout(0));
      await(cc.authentication().addUser("test", new Identity("boss", Set.of(Role.ADMIN), List.of()), "admin-password-1"));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      String admin = token(http, "boss", "admin-password-1");
      String agent = token(http, "op1001", "agent-password-1");
      JsonObject scenario = new JsonObject().put("calls", 10).put("rate", 2).put("seed", 7).put("agents", 3);

      assertThat(await(http.post("/api/simulator/scenarios").bearerTokenAuthentication(agent).sendJsonObject(scenario))
          .statusCode()).as("admin only").isEqualTo(403);
      assertThat(await(http.post("/api/simulator/scenarios").bearerTokenAuthentication(admin)
          .sendJsonObject(scenario.copy().put("agents", 99))).statusCode()).as("more agents than operators").isEqualTo(400);

      CompletableFuture<PbxEvent.CallArrived> firstCall = new CompletableFuture<>();
      cc.vertx().runOnContext(v -> cc.pbxLink().pbx().subscribe(e -> {
        if (e instanceof PbxEvent.CallArrived a) {
          firstCall.complete(a);
        }
      }));
      Future<HttpResponse<Buffer>> running = http.post("/api/simulator/scenarios").bearerTokenAuthentication(admin)
          .timeout(300_000).sendJsonObject(scenario);
      firstCall.get(60, TimeUnit.SECONDS);
      HttpResponse<Buffer> second = await(http.post("/api/simulator/scenarios").bearerTokenAuthentication(admin)
          .sendJsonObject(scenario));
      assertThat(second.statusCode()).as("one scenario at a time: %s", second.bodyAsString()).isEqualTo(409);

      HttpResponse<Buffer> response = running.toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject summary = response.bodyAsJsonObject();
      assertThat(summary.fieldNames()).containsExactlyInAnyOrder(
          "placed", "ivr_completed", "queued", "answered", "abandoned", "failed", "errors");
      assertThat(summary.getInteger("placed")).isEqualTo(10);
      assertThat(summary.getInteger("errors")).as(summary.encode()).isZero();
      assertThat(summary.getInteger("ivr_completed")).as(summary.encode()).isEqualTo(10);
      assertThat(summary.getInteger("answered") + summary.getInteger("abandoned") + summary.getInteger("failed"))
          .as(summary.encode()).isEqualTo(summary.getInteger("queued"));
      // seed 7 sends some callers to line 1 (always open): the ready line-1 operators answer them; line-2 topics
      // depend on the hour (closed: voicemail, not queued)
      assertThat(summary.getInteger("answered")).as("ready operators answer calls: %s", summary.encode())
          .isGreaterThanOrEqualTo(1);

      long journalledQueued = await(cc.storage().pool().query(
          "SELECT count(DISTINCT call_id) FROM journal WHERE type = 'acd.call.queued'").execute()).iterator().next().getLong(0);
      assertThat(summary.getInteger("queued")).isEqualTo((int) journalledQueued);
      assertThat(await(cc.acd().acd().operator("op1001")).status().state()).as("staff logged out after the scenario")
          .isEqualTo(OperatorState.LOGGED_OUT);

      // the CLI, same seed: the same callers take the same paths
      Path password = Files.writeString(dir.resolve("password"), "admin-password-1\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      System.setOut(new PrintStream(out, true));
      int code;
      try {
        code = new CommandLine(new ContactCentreCommand()).execute("simulate", "--calls", "10", "--rate", "2",
            "--seed", "7", "--agents", "3", "--url", "http://127.0.0.1:" + cc.httpPort(), "--user", "boss",
            "--password-file", password.toString());
      } finally {
        System.setOut(stdout);
      }
      assertThat(code).as(out.toString()).isZero();
      List<String> lines = out.toString().lines().toList();
      JsonObject again = new JsonObject(lines.get(lines.size() - 1));
      assertThat(again.getInteger("placed")).isEqualTo(10);
      assertThat(again.getInteger("ivr_completed")).isEqualTo(10);
      assertThat(again.getInteger("queued")).as("same seed, same paths: %s vs %s", again, summary)
          .isEqualTo(summary.getInteger("queued"));
    }
  }

  @Test
  void againstARealAsteriskThereIsNoSimulatorApi(StorageSettings storage, @TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("ami-secret"), "not-used\n");
    Path file = dir.resolve("asterisk.yaml");
    Files.writeString(file, Files.readString(TestCentre.repoRoot().resolve("config/contact-centre.yaml"))
        .replaceFirst("(?m)^  mode: simulator", "  mode: asterisk")
        .replaceFirst("(?m)^    max-reconnect-backoff: 30s", "    max-reconnect-backoff: 30s\n    secret: {file: \"" + secret + "\"}"));
    Map<String, String> env = new HashMap<>(TestCentre.workingDirs(TestCentre.repoRoot()));
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_STORAGE_POSTGRES_URL", storage.postgresUrl());
    env.put("CC_STORAGE_POSTGRES_USER", storage.postgresUser());
    env.put("CC_STORAGE_REDIS_URL", storage.redisUrl());
    env.put("CC_PBX_AMI_PORT", "1"); // nothing listens: the gateway keeps retrying, the server runs
    env.put("CC_PBX_AGI_PORT", "0");
    ContactCentre cc = await(ContactCentre.start(ConfigLoader.load(file, env)));
    try {
      assertThat(cc.pbxLink().simulator()).isEmpty();
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      await(cc.authentication().addUser("test", new Identity("boss2", Set.of(Role.ADMIN), List.of()), "admin-password-1"));
      HttpResponse<Buffer> r = await(http.post("/api/simulator/scenarios")
          .bearerTokenAuthentication(token(http, "boss2", "admin-password-1"))
          .sendJsonObject(new JsonObject().put("calls", 1).put("rate", 1).put("seed", 1)));
      assertThat(r.statusCode()).isEqualTo(404);
      JsonObject document = await(http.get("/api/openapi.json").send()).bodyAsJsonObject();
      assertThat(document.getJsonObject("paths").fieldNames()).noneMatch(p -> p.startsWith("/api/simulator"));
    } finally {
      await(cc.stop());
    }
  }

  private static String token(WebClient http, String user, String password) throws Exception {
    return await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", user)
        .put("password", password))).bodyAsJsonObject().getString("token");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
