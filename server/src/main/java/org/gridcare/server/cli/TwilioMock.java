package org.gridcare.server.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Twilio REST API (Stoplight Prism serving Twilio's published OpenAPI spec), started by
 * {@code scripts/twilio-mock.sh}, which installs Prism into {@code target/tools/prism} on first use. The demo runs
 * the script itself ({@link #script}); the SMS benchmark runs its own Prism from that installation on a free port
 * ({@link #process}) so it never collides with a demo's mock.
 */
public final class TwilioMock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioMock.class);
  private static final Path ROOT = root();
  private static final Path SCRIPT = ROOT.resolve("scripts/twilio-mock.sh");
  private static final Path PRISM = ROOT.resolve("target/tools/prism/node_modules/.bin/prism");

  private final int port;
  private final Process process;

  private TwilioMock(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Whether node and npm are installed (Prism needs them). */
  public static boolean available() {
    return onPath("node") && onPath("npm") && Files.isExecutable(SCRIPT);
  }

  /** {@code scripts/twilio-mock.sh start PORT}; {@link #close} runs its {@code stop}. */
  static TwilioMock script(int port) throws IOException, InterruptedException {
    run(SCRIPT.toString(), "start", String.valueOf(port));
    return new TwilioMock(port, null);
  }

  /** Prism from the script's installation (installed by a short script start/stop when missing) on a free port. */
  public static TwilioMock process() throws Exception {
    if (!Files.isExecutable(PRISM)) {
      int port = freePort();
      run(SCRIPT.toString(), "start", String.valueOf(port));
      run(SCRIPT.toString(), "stop");
    }
    int port = freePort();
    Process p = new ProcessBuilder(PRISM.toString(), "mock", "-h", "127.0.0.1", "-p", String.valueOf(port),
        spec().toString()).redirectErrorStream(true).start();
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
    TwilioMock mock = new TwilioMock(port, p);
    try {
      ready.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      mock.close();
      throw e;
    }
    return mock;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      if (process == null) {
        run(SCRIPT.toString(), "stop");
      } else {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (IOException | InterruptedException e) {
      LOG.warn("stopping the Twilio mock: {}", e.toString());
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
    LOG.info("{}", output);
  }

  private static Path spec() {
    String configured = System.getenv("TWILIO_OAI");
    Path dir = configured != null ? Path.of(configured) : ROOT.resolve("tools/twilio-oai");
    Path spec = dir.resolve("twilio_api_v2010.json");
    if (!Files.isReadable(spec)) {
      throw new IllegalStateException("Twilio's OpenAPI spec not found: " + spec + " (set TWILIO_OAI)");
    }
    return spec;
  }

  /** The repository: the working directory or the nearest parent holding scripts/twilio-mock.sh (module tests). */
  private static Path root() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("scripts/twilio-mock.sh"))) {
        return p;
      }
    }
    return cwd;
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
