package org.gridcare.pbxsim;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the simulator standalone until interrupted:
 * {@code java org.gridcare.pbxsim.Main [--ami-port 5038] [--agi 127.0.0.1:4573] [--user u --secret s]
 * [--dialplan path/extensions.conf] [--recordings dir] [--prompt-ms 200]}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    SimulatorOptions.Builder options = SimulatorOptions.builder().amiPort(5038);
    String user = SimulatorOptions.DEFAULT_USERNAME;
    String secret = SimulatorOptions.DEFAULT_SECRET;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--ami-port" -> options.amiPort(Integer.parseInt(value));
        case "--agi" -> {
          int colon = value.lastIndexOf(':');
          options.agi(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        }
        case "--user" -> user = value;
        case "--secret" -> secret = value;
        case "--dialplan" -> options.dialplan(Path.of(value));
        case "--recordings" -> options.recordingsDir(Path.of(value));
        case "--prompt-ms" -> options.promptDuration(Duration.ofMillis(Long.parseLong(value)));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: --name value");
    }
    options.amiCredentials(user, secret);
    Vertx vertx = Vertx.vertx();
    PbxSimulator sim = PbxSimulator.start(vertx, options.build())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("PBX simulator: AMI on port " + sim.amiPort() + " (user " + user + ")");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close().compose(v -> vertx.close()).onComplete(v -> stopped.countDown());
      try {
        stopped.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    stopped.await();
  }
}
