package org.gridcare.server.cli;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.acd.bench.ErlangBenchmark;
import org.gridcare.acd.bench.RoutingBenchmark;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.ivr.bench.IvrBench;
import org.gridcare.pbx.asterisk.bench.AgiBench;
import org.gridcare.pbx.asterisk.bench.AmiBench;
import org.gridcare.storage.EmbeddedRedis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Benchmarks that print one JSON line each; docs/BENCHMARKS.md records what they gave and on which machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark and print one JSON line: erlang (ACD service quality vs Erlang C), "
        + "acd (routing throughput on a real Redis vs raw round trips), ivr (digit-to-next-prompt latency, TTS cold vs cached), "
        + "ami (AMI events/s the adapter ingests vs a raw socket read), agi (FastAGI command round trip under 200 sessions "
        + "vs a TCP echo).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "erlang | acd | ivr | ami | agi")
  String which;

  @Option(names = "--quick", description = "a short run (seconds, not minutes)")
  boolean quick;

  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
  Path config;

  @Option(names = "--capture", defaultValue = "pbx-gateway/src/test/resources/asterisk-captures/ami-inbound-call.txt",
      description = "ami: the real Asterisk's event stream for one call, replayed")
  Path capture;

  @Override
  public Integer call() throws Exception {
    switch (which) {
      case "erlang" -> System.out.println(ErlangBenchmark.run(quick).encode());
      case "acd" -> acd();
      case "ivr" -> {
        ContactCentreConfig cfg;
        try {
          cfg = Cli.load(config, null);
        } catch (ConfigException e) {
          return Cli.configError(e);
        }
        ivr(cfg);
      }
      case "ami" -> onVertx(vertx -> AmiBench.run(vertx, capture, quick));
      case "agi" -> onVertx(vertx -> AgiBench.run(vertx, quick));
      default -> {
        System.err.println("bench: unknown benchmark " + which + " (erlang, acd, ivr, ami, agi)");
        return 2;
      }
    }
    return 0;
  }

  private interface Bench {
    JsonObject run(Vertx vertx) throws Exception;
  }

  private static void onVertx(Bench bench) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      System.out.println(bench.run(vertx).encode());
    } finally {
      Cli.await(vertx.close(), 10);
    }
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
