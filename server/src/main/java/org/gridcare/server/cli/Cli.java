package org.gridcare.server.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.ContactCentre;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;

/** What every command shares: loading the configuration (exit 2 when bad), storage for one-shot work, waiting on futures. */
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

  /** What a one-shot command does with the loaded configuration and a started storage; returns the exit code. */
  @FunctionalInterface
  interface StorageWork {
    int run(ContactCentreConfig cfg, Vertx vertx, Storage storage) throws Exception;
  }

  /**
   * Loads the configuration, starts Vert.x and the storage, runs {@code work} and closes both whatever happens. A bad
   * configuration, also one a module finds in its own file while working, is reported as {@link #configError}.
   */
  static int withStorage(Path configFile, StorageWork work) throws Exception {
    ContactCentreConfig cfg;
    try {
      cfg = load(configFile, null);
    } catch (ConfigException e) {
      return configError(e);
    }
    Vertx vertx = Vertx.vertx();
    try {
      Storage storage = await(Storage.start(vertx, StorageSettings.from(cfg.storage())), 120);
      try {
        return work.run(cfg, vertx, storage);
      } finally {
        await(storage.close(), 30);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ConfigException c) {
        return configError(c);
      }
      throw e;
    } finally {
      await(vertx.close(), 10);
    }
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
