package org.gridcare.server.cli;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.acd.bench.ErlangBenchmark;
import org.gridcare.acd.bench.RoutingBenchmark;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.ivr.bench.IvrBench;
import org.gridcare.notifications.bench.SmsBenchmark;
import org.gridcare.storage.EmbeddedRedis;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Benchmarks that print one JSON line each; docs/BENCHMARKS.md records what they gave and on which machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark and print one JSON line: erlang (ACD service quality vs Erlang C), "
        + "acd (routing throughput on a real Redis vs raw round trips), ivr (digit-to-next-prompt latency, TTS cold vs cached).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "erlang | acd | ivr")
  String which;

  @Option(names = "--quick", description = "a short run (seconds, not minutes)")
  boolean quick;

  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
  Path config;

  @Override
  public Integer call() throws Exception {
    switch (which) {
      case "erlang" -> System.out.println(ErlangBenchmark.run(quick).encode());
      case "acd" -> acd();
      case "sms" -> sms();
      case "ivr" -> {
        ContactCentreConfig cfg;
        try {
          cfg = Cli.load(config, null);
        } catch (ConfigException e) {
          return Cli.configError(e);
        }
        ivr(cfg);
      }
      default -> {
        System.err.println("bench: unknown benchmark " + which + " (erlang, acd, ivr)");
        return 2;
      }
    }
    return 0;
  }

  private void acd() throws Exception {
    Vertx vertx = Vertx.vertx();
    EmbeddedRedis redis = EmbeddedRedis.start(null);
    RedisClient client = RedisClient.create(redis.url());
    try (var connection = client.connect()) {
      System.out.println(RoutingBenchmark.standard(vertx, connection, quick).run().encode());
    } finally {
      client.shutdown();
      redis.close();
      Cli.await(vertx.close(), 10);
    }
  }

  /**
   * Outage SMS: a 100,000-customer outage (quick: 3,000) selected and enqueued on embedded PostgreSQL and Redis in
   * a temporary directory, then sent through the Twilio SDK to a local Prism at 100/s (quick: 150/s).
   */
  private void sms() throws Exception {
    if (!TwilioMock.available()) {
      throw new IllegalStateException("bench sms needs node and npm (for the Twilio mock, Prism)");
    }
    Path dir = Files.createTempDirectory("cc-bench-sms");
    Vertx vertx = Vertx.vertx();
    try (TwilioMock twilio = TwilioMock.process()) {
      Storage storage = Cli.await(Storage.start(vertx, new StorageSettings(null, null, null, null, dir)), 300);
      try {
        var result = Cli.await(SmsBenchmark.run(vertx, storage, twilio.baseUrl(), quick ? 3_000 : 100_000,
            quick ? 150 : 100), 7_200);
        System.out.println(result.toJson().encode());
      } finally {
        Cli.await(storage.close(), 60);
      }
    } finally {
      Cli.await(vertx.close(), 10);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void ivr(ContactCentreConfig cfg) throws Exception {
    Vertx vertx = Vertx.vertx();
    Path work = Files.createTempDirectory("cc-bench-ivr");
    try {
      var result = Cli.await(IvrBench.run(vertx, cfg, event -> Future.succeededFuture(), work,
          quick ? IvrBench.Settings.quick() : IvrBench.Settings.full()), 600);
      System.out.println(result.encode());
    } finally {
      Cli.await(vertx.close(), 10);
    }
  }
}
