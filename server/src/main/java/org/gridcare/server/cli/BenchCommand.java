package org.gridcare.server.cli;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.gridcare.acd.bench.ErlangBenchmark;
import org.gridcare.acd.bench.RoutingBenchmark;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.app.ScreenPop;
import org.gridcare.crm.bench.ImportBench;
import org.gridcare.crm.bench.ScreenPopBench;
import org.gridcare.crm.crypto.AesGcmIdentityVault;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.pg.PgCustomers;
import org.gridcare.crm.pg.PgInteractions;
import org.gridcare.crm.pg.PgSampleData;
import org.gridcare.crm.pg.PgTickets;
import org.gridcare.ivr.bench.IvrBench;
import org.gridcare.notifications.bench.SmsBenchmark;
import org.gridcare.pbx.asterisk.bench.AgiBench;
import org.gridcare.pbx.asterisk.bench.AmiBench;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.recordings.bench.RecordingSearchBench;
import org.gridcare.recordings.pg.PgRecordings;
import org.gridcare.server.ContactCentre;
import org.gridcare.storage.EmbeddedPostgres;
import org.gridcare.storage.EmbeddedRedis;
import org.gridcare.reports.bench.ReportsBench;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Benchmarks that print one JSON line each; docs/BENCHMARKS.md records what they gave and on which machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark and print one JSON line: erlang (ACD service quality vs Erlang C), "
        + "acd (routing throughput on a real Redis vs raw round trips), ivr (digit-to-next-prompt latency through the PBX simulator vs the in-process engine, TTS cold vs cached), "
        + "recordings (search p95 over a seeded catalogue), screenpop (customer-card latency at 50 offers/s), "
        + "ami (AMI events/s the adapter ingests vs a raw socket read), agi (FastAGI command round trip under 200 sessions "
        + "vs a TCP echo), sms (outage SMS send rate vs the account limit, through a local Twilio mock), "
        + "import (customer CSV import rows/s vs a plain PostgreSQL COPY of the same rows), desktop "
        + "(offer-to-pop latency to the card in the DOM of 100 signed-in desktops in headless Chromium, page weight, first render), "
        + "wallboard (p99 from an operator state change to its delivery on 200 SSE wallboards), "
        + "reports (report query p95 over a year of journal rows loaded with COPY).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "erlang | acd | ivr | recordings | screenpop | ami | agi | sms | import | desktop | wallboard | reports")
  String which;

  @Option(names = "--quick", description = "a short run (seconds, not minutes)")
  boolean quick;

  @Option(names = "--rate", description = "desktop: offers per second (default 50; 5 with --quick)")
  Double rate;

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
      case "sms" -> sms();
      case "ivr" -> {
        try {
          ivr(config);
        } catch (ConfigException e) {
          return Cli.configError(e);
        }
      }
      case "recordings" -> recordings();
      case "screenpop" -> {
        ContactCentreConfig cfg;
        try {
          cfg = Cli.load(config, null);
        } catch (ConfigException e) {
          return Cli.configError(e);
        }
        screenpop(cfg);
      }
      case "import" -> {
        ContactCentreConfig cfg;
        try {
          cfg = Cli.load(config, null);
        } catch (ConfigException e) {
          return Cli.configError(e);
        }
        importCustomers(cfg);
      }
      case "desktop" -> System.out.println(DesktopBench.run(config, quick, rate).encode());
      case "ami" -> onVertx(vertx -> AmiBench.run(vertx, capture, quick));
      case "agi" -> onVertx(vertx -> AgiBench.run(vertx, quick));
      case "wallboard" -> {
        ContactCentreConfig cfg;
        try {
          cfg = Cli.load(config, null);
        } catch (ConfigException e) {
          return Cli.configError(e);
        }
        System.out.println(WallboardBenchRun.run(cfg, config, quick).encode());
      }
      case "reports" -> reports();
      default -> {
        System.err.println("bench: unknown benchmark " + which
            + " (erlang, acd, ivr, recordings, screenpop, ami, agi, sms, import, desktop, wallboard, reports)");
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

  /**
   * IVR: first two baselines in the same run, one FastAGI command round trip under 200 sessions ({@code bench agi
   * --quick}, the wire's floor) and the IVR engine on an in-process PBX session (no wire, no storage), which also
   * times TTS cold and cached; then the whole centre in simulator mode on scratch storage with simulated callers
   * over AMI/FastAGI ({@link IvrWireBench}). {@code p50_ms}/{@code p99_ms} are the wire figures; the ratios say what
   * the PBX wire, the CRM look-ups and the journal add to the engine's own cost.
   */
  private void ivr(Path configFile) throws Exception {
    Path work = Files.createTempDirectory("cc-bench-ivr");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(IvrWireBench.scratch(work));
    ContactCentreConfig cfg = ConfigLoader.load(configFile, env);
    JsonObject baseline;
    JsonObject agi;
    Vertx vertx = Vertx.vertx();
    try {
      agi = AgiBench.run(vertx, true);
      baseline = Cli.await(IvrBench.run(vertx, cfg, event -> Future.succeededFuture(), work.resolve("in-process"),
          quick ? IvrBench.Settings.quick() : IvrBench.Settings.full()), 600);
    } finally {
      Cli.await(vertx.close(), 10);
    }
    ContactCentre cc = Cli.await(ContactCentre.start(cfg), 300);
    JsonObject wire;
    try {
      wire = Cli.await(new IvrWireBench(cc).run(quick ? IvrWireBench.Settings.quick() : IvrWireBench.Settings.full()),
          1800);
    } finally {
      Cli.await(cc.stop(), 60);
    }
    JsonObject result = wire.copy()
        .put("tts_cold_ms", baseline.getDouble("tts_cold_ms")).put("tts_cached_ms", baseline.getDouble("tts_cached_ms"))
        .put("baseline_in_process", new JsonObject().put("p50_ms", baseline.getDouble("p50_ms"))
            .put("p99_ms", baseline.getDouble("p99_ms")).put("sessions", baseline.getInteger("sessions"))
            .put("samples", baseline.getInteger("samples")))
        .put("p50_vs_in_process", ratio(wire.getDouble("p50_ms"), baseline.getDouble("p50_ms")))
        .put("p99_vs_in_process", ratio(wire.getDouble("p99_ms"), baseline.getDouble("p99_ms")))
        .put("baseline_agi_command", new JsonObject().put("p50_ms", agi.getDouble("p50_ms"))
            .put("p99_ms", agi.getDouble("p99_ms")).put("sessions", agi.getInteger("sessions")))
        .put("p50_vs_agi_command", ratio(wire.getDouble("p50_ms"), agi.getDouble("p50_ms")))
        .put("p99_vs_agi_command", ratio(wire.getDouble("p99_ms"), agi.getDouble("p99_ms")));
    System.out.println(result.encode());
  }

  /** a / b to one decimal; null when b is below the 0.01 ms resolution (the in-process p50 often is). */
  private static Double ratio(double a, double b) {
    return b < 0.01 ? null : Math.round(a / b * 10) / 10.0;
  }

  /**
   * Report queries: 5,000,000 journal rows (200,000 with --quick) for a year, loaded with COPY into a scratch embedded
   * PostgreSQL, every report timed in three shapes (5 runs each; 2 with --quick).
   */
  private void reports() throws Exception {
    Path dir = Files.createTempDirectory("cc-bench-reports");
    EmbeddedPostgres pg = EmbeddedPostgres.start(dir.resolve("postgres"));
    Vertx vertx = Vertx.vertx();
    try {
      Storage storage = Cli.await(Storage.start(vertx, StorageSettings.external(pg.url("postgres"), "postgres", null,
          null)), 300);
      try {
        System.out.println(Cli.await(ReportsBench.run(vertx, storage.pool(), "jdbc:" + pg.url("postgres"), "postgres",
            null, quick ? 200_000 : 5_000_000, quick ? 2 : 5), 7200).encode());
      } finally {
        Cli.await(storage.close(), 60);
      }
    } finally {
      Cli.await(vertx.close(), 10);
      pg.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Seeds the catalogue of a scratch database (1,000,000 recordings; 20,000 with --quick) and times searches. */
  private void recordings() throws Exception {
    onScratchStorage((vertx, storage) -> RecordingSearchBench.run(storage.pool(),
        new PgRecordings(storage.pool(), storage.audit()), quick ? 20_000 : 1_000_000, quick ? 60 : 300));
  }

  /**
   * Loads sample customers (3,000; 300 with --quick) into a scratch database and pops their cards at 50 offers/s
   * (3,000 offers; 500 with --quick).
   */
  private void screenpop(ContactCentreConfig cfg) throws Exception {
    int customers = quick ? 300 : 3_000;
    int offers = quick ? 500 : 3_000;
    onScratchStorage((vertx, storage) -> {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      AesGcmIdentityVault vault = new AesGcmIdentityVault(key);
      ScreenPop pop = new ScreenPop(new PgCustomers(storage.pool(), vault), new PgTickets(storage.pool(), false),
          new PgInteractions(storage.pool(), false), OutageLookup.NONE, new PhoneNumbers(cfg.locale().phoneRegion()));
      List<CustomerDraft> callers = SampleCustomers.generate(customers, 2026);
      // A 100-offer warm-up (JIT, pool connections, PostgreSQL caches) is run first and not reported.
      return PgSampleData.loadIfEmpty(storage.pool(), vault, customers, 2026)
          .compose(n -> ScreenPopBench.run(vertx, pop, callers, 50, 100))
          .compose(warm -> ScreenPopBench.run(vertx, pop, callers, 50, offers));
    });
  }

  /**
   * Imports 100,000 generated customers (5,000 with --quick) through the CSV import path into an empty scratch
   * PostgreSQL, after a plain COPY of the same CSV on the same server as the baseline.
   */
  private void importCustomers(ContactCentreConfig cfg) throws Exception {
    int rows = quick ? 5_000 : 100_000;
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("cc-bench-import");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres"))) {
      String url = postgres.url("postgres");
      Storage storage = Cli.await(Storage.start(vertx, new StorageSettings(url, "postgres", null, null, dir)), 300);
      try {
        System.out.println(Cli.await(ImportBench.run(vertx, storage, "jdbc:" + url, "postgres", null,
            new PhoneNumbers(cfg.locale().phoneRegion()), rows), 3600).encode());
      } finally {
        Cli.await(storage.close(), 30);
      }
    } finally {
      Cli.await(vertx.close(), 10);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Runs a bench on an embedded PostgreSQL and Redis in a temporary directory, so it never touches real data. */
  private static void onScratchStorage(BiFunction<Vertx, Storage, Future<JsonObject>> bench) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Storage storage = Cli.await(Storage.start(vertx, new StorageSettings(null, null, null, null, null)), 300);
      try {
        System.out.println(Cli.await(bench.apply(vertx, storage), 3600).encode());
      } finally {
        Cli.await(storage.close(), 30);
      }
    } finally {
      Cli.await(vertx.close(), 10);
    }
  }
}
