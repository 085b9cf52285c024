package org.gridcare.server.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.server.wallboard.WallboardBench;

/**
 * {@code bench wallboard}: a whole server on the PBX simulator with scratch embedded PostgreSQL and Redis (free
 * ports, files in a temporary directory), a supervisor, and {@link WallboardBench} with 1 stream (baseline) then 200.
 */
final class WallboardBenchRun {
  private static final int CLIENTS = 200;

  private WallboardBenchRun() {}

  static JsonObject run(ContactCentreConfig checked, Path file, boolean quick) throws Exception {
    if (checked.pbx().mode() != org.gridcare.config.PbxConfig.Mode.simulator) {
      throw new IllegalArgumentException("bench wallboard runs on the PBX simulator (pbx.mode: simulator)");
    }
    Path dir = Files.createTempDirectory("cc-bench-wallboard");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("CC_STORAGE_POSTGRES_URL");
    env.remove("CC_STORAGE_REDIS_URL");
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_PBX_AGI_PORT", "0");
    env.put("CC_STORAGE_DATA_DIR", dir.resolve("data").toString());
    env.put("CC_IVR_TTS_CACHE_DIR", dir.resolve("tts").toString());
    env.put("CC_RECORDINGS_MONITOR_DIR", dir.resolve("monitor").toString());
    env.put("CC_RECORDINGS_STORE_DIR", dir.resolve("recordings").toString());
    env.put("CC_RECORDINGS_ARCHIVE_DIR", dir.resolve("archive").toString());
    ContactCentre cc = Cli.await(ContactCentre.start(ConfigLoader.load(file, env)), 300);
    Vertx clients = Vertx.vertx();
    try {
      String password = UUID.randomUUID().toString();
      Cli.await(cc.authentication().addUser("bench", new Identity("bench-supervisor", Set.of(Role.SUPERVISOR),
          List.of(1, 2, 3)), password), 30);
      var http = clients.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(cc.httpPort()));
      String body = new JsonObject().put("username", "bench-supervisor").put("password", password).encode();
      String token = Cli.await(http.request(HttpMethod.POST, "/api/auth/login")
          .compose(req -> req.putHeader("content-type", "application/json").send(body))
          .compose(resp -> resp.body()), 30).toJsonObject().getString("token");
      String operator = checked.operators().get(0).id();
      Cli.await(cc.acd().acd().login(operator, checked.operators().get(0).endpoint()), 30);
      WallboardBench bench = new WallboardBench(clients, cc.httpPort(), token, cc.acd().acd(), operator);
      int changes = quick ? 20 : 200;
      JsonObject baseline = bench.run(1, changes);
      JsonObject result = bench.run(CLIENTS, changes);
      return result.put("baseline_1_client_p99_ms", baseline.getDouble("p99_ms"))
          .put("ratio_to_baseline", Math.round(10 * result.getDouble("p99_ms") / Math.max(0.01, baseline.getDouble("p99_ms"))) / 10.0);
    } finally {
      Cli.await(clients.close(), 10);
      Cli.await(cc.stop(), 60);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
