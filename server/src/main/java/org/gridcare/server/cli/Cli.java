package org.gridcare.server.cli;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.ContactCentre;

/** What every command shares: loading the configuration (exit 2 when bad) and waiting on futures. */
final class Cli {
  static final int BAD_CONFIG = 2;

  private Cli() {}

  /** Loads and validates; {@code --port} wins over the file and the environment. */
  static ContactCentreConfig load(Path file, Integer port) {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (port != null) {
      env.put("CC_SERVER_PORT", String.valueOf(port));
    }
    return ConfigLoader.load(file, env);
  }

  static <T> T await(Future<T> future, long seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  /** Who ran a command from the shell, as the audit records it. */
  static String operatingSystemActor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  /** Prints a configuration error the way an operator needs it and returns the exit code. */
  static int configError(ConfigException e) {
    System.err.println("Configuration error:");
    e.problems().forEach(p -> System.err.println("  " + p));
    return BAD_CONFIG;
  }

  /** Blocks until SIGTERM / Ctrl-C, then stops the contact centre within 10 s. */
  static int serveUntilSignalled(ContactCentre cc) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("Stopping...");
      try {
        await(cc.stop(), 10);
      } catch (Exception e) {
        System.err.println("Stop did not finish cleanly: " + e);
      }
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
