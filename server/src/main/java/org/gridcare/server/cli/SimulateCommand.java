package org.gridcare.server.cli;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drives a load scenario on a running server in simulator mode through its simulator control API
 * ({@code POST /api/simulator/scenarios}, admin only) and prints the summary as one JSON line.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a seeded call scenario on a RUNNING server's built-in PBX simulator (pbx.mode: simulator) and print "
        + "one JSON line: placed, ivr_completed, queued, answered, abandoned, failed, errors. "
        + "Signs in as an admin: --user / --password-file, or CC_USER / CC_PASSWORD.")
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--calls", required = true, description = "callers to place") int calls;
  @Option(names = "--rate", required = true, description = "new calls per second") double rate;
  @Option(names = "--seed", required = true, description = "random seed") long seed;
  @Option(names = "--agents", defaultValue = "0", description = "configured operators to staff (the first A)") int agents;
  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the running server") URI url;
  @Option(names = "--user", description = "admin username (default: $CC_USER)") String user;
  @Option(names = "--password-file", description = "file holding the password (default: $CC_PASSWORD)") Path passwordFile;

  @Override
  public Integer call() throws Exception {
    String username = user != null ? user : System.getenv("CC_USER");
    String password = passwordFile != null ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
        : System.getenv("CC_PASSWORD");
    if (username == null || password == null) {
      System.err.println("simulate: give an admin's --user and --password-file (or set CC_USER and CC_PASSWORD)");
      return 2;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> login = post(http, "/api/auth/login", null,
        new JsonObject().put("username", username).put("password", password), Duration.ofSeconds(30));
    if (login.statusCode() != 200) {
      System.err.println("simulate: sign-in failed (" + login.statusCode() + "): " + login.body());
      return 1;
    }
    String token = new JsonObject(login.body()).getString("token");
    // the server answers when the last caller has hung up: allow the calls' spread plus the per-call deadline
    Duration wait = Duration.ofSeconds((long) Math.ceil(calls / rate) + 600);
    HttpResponse<String> run = post(http, "/api/simulator/scenarios", token, new JsonObject().put("calls", calls)
        .put("rate", rate).put("seed", seed).put("agents", agents), wait);
    if (run.statusCode() == 404) {
      System.err.println("simulate: the server has no simulator API (is it running with pbx.mode: simulator?)");
      return 1;
    }
    if (run.statusCode() != 200) {
      System.err.println("simulate: " + run.statusCode() + " " + run.body());
      return 1;
    }
    System.out.println(new JsonObject(run.body()).encode());
    return 0;
  }

  private HttpResponse<String> post(HttpClient http, String path, String token, JsonObject body, Duration timeout)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(timeout)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
