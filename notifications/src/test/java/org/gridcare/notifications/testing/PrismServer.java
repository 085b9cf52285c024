package org.gridcare.notifications.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Twilio's published OpenAPI spec (tools/twilio-oai in the repository, or -Dtwilio.oai=DIR) served by Stoplight Prism, installed
 * with npm into target/prism on first use. Every request the SDK makes is validated against Twilio's contract.
 * Tests are skipped (with a message) only when node or npm is not installed.
 */
public final class PrismServer implements AutoCloseable {
  public static final String PRISM = "@stoplight/prism-cli@5.14.2";

  private final Process process;
  private final int port;

  private PrismServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static PrismServer start() throws Exception {
    Assumptions.assumeTrue(onPath("node") && onPath("npm"),
        "node and npm are not installed: the Twilio contract tests need them to run Prism (CI has them)");
    Path spec = spec();
    Path dir = Path.of("target", "prism").toAbsolutePath();
    Path bin = dir.resolve("node_modules/.bin/prism");
    if (!Files.isExecutable(bin)) {
      Files.createDirectories(dir);
      Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), PRISM)
          .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile()).start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm install " + PRISM + " failed; see " + dir.resolve("npm-install.log"));
      }
    }
    int port = freePort();
    Process p = new ProcessBuilder(bin.toString(), "mock", "-h", "127.0.0.1", "-p", String.valueOf(port),
        spec.toString()).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.contains("Prism is listening")) {
            ready.complete(null);
          }
        }
        ready.completeExceptionally(new IllegalStateException("prism exited with " + p.waitFor()));
      } catch (IOException | InterruptedException e) {
        ready.completeExceptionally(e);
      }
    }, "prism-output");
    reader.setDaemon(true);
    reader.start();
    PrismServer server = new PrismServer(p, port);
    try {
      ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Path spec() {
    String configured = System.getProperty("twilio.oai");
    List<Path> candidates = configured != null ? List.of(Path.of(configured))
        : List.of(Path.of("..", "tools", "twilio-oai"), Path.of("tools", "twilio-oai"));
    for (Path dir : candidates) {
      Path spec = dir.resolve("twilio_api_v2010.json").toAbsolutePath().normalize();
      if (Files.isReadable(spec)) {
        return spec;
      }
    }
    throw new IllegalStateException("Twilio's OpenAPI spec twilio_api_v2010.json not found in " + candidates
        + " (set -Dtwilio.oai=DIR)");
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
