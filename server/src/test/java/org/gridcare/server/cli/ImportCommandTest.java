package org.gridcare.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.GridCsv;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./contact-centre import} against the real PostgreSQL named in a configuration file: a file with a bad row is
 * refused naming its line and leaves the CRM untouched; a good file is imported with a progress bar on stderr. And
 * {@code ./contact-centre bench import --quick}: one JSON line.
 */
@RealServers
class ImportCommandTest {

  @Test
  void aFileWithABadRowIsRefusedByLineAndAGoodOneImported(Vertx vertx, StorageSettings settings, @TempDir Path dir)
      throws Exception {
    Path config = config(dir, settings);
    Storage storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    try {
      importsAllOrNothing(storage, config, dir);
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void importsAllOrNothing(Storage storage, Path config, Path dir) throws Exception {
    List<CustomerDraft> drafts = SampleCustomers.generate(6, 2026);
    List<String> lines = new ArrayList<>(List.of(CustomerCsv.header()));
    drafts.forEach(d -> lines.add(CustomerCsv.line(d)));
    // Line 4 (the third customer) gets a national ID whose check digits are wrong.
    lines.set(3, lines.get(3).replace(drafts.get(2).identity().value(), "12345678901"));
    Path bad = Files.write(dir.resolve("bad.csv"), lines);

    CliRun refused = CliRun.run("import", "customers", bad.toString(), "--config", config.toString());
    assertThat(refused.code()).as(refused.err()).isEqualTo(1);
    assertThat(refused.err()).containsPattern("(?m)^line 4: .+").doesNotContainPattern("(?m)^line [^4]");
    assertThat(refused.err()).contains("nothing imported");
    assertThat(customers(storage)).isZero();

    Path good = Files.writeString(dir.resolve("good.csv"), org.gridcare.crm.CrmModule.sampleCsv(25));
    CliRun imported = CliRun.run("import", "customers", good.toString(), "--config", config.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.err()).contains("] 25/25 (100%)");
    assertThat(imported.out()).contains("Imported 25 customers");
    assertThat(customers(storage)).isEqualTo(25);

    Path areas = Files.writeString(dir.resolve("areas.csv"), "code,name\nTEST-NORD,Test nord\n");
    CliRun areasImported = CliRun.run("import", "areas", areas.toString(), "--config", config.toString());
    assertThat(areasImported.code()).as(areasImported.err()).isZero();
    assertThat(areasImported.out()).contains("Imported 1 areas");

    String customer = scalar(storage, "SELECT min(number) FROM crm_customer");
    long pointsBefore = Long.parseLong(scalar(storage, "SELECT count(*) FROM crm_metering_point"));
    Path points = Files.writeString(dir.resolve("points.csv"), String.join(",", GridCsv.POINT_COLUMNS) + "\n"
        + SampleCustomers.gsrn(700_001, 0).value() + "," + customer + ",M1,Elvegata 1,8006,Bodø,TEST-NORD,Sentrum,F2\n");
    CliRun pointsImported = CliRun.run("import", "metering-points", points.toString(), "--config", config.toString());
    assertThat(pointsImported.code()).as(pointsImported.err()).isZero();
    assertThat(pointsImported.out()).contains("Imported 1 metering-points");
    assertThat(Long.parseLong(scalar(storage, "SELECT count(*) FROM crm_metering_point"))).isEqualTo(pointsBefore + 1);
  }

  @Test
  void benchImportPrintsOneJsonLineWithTheImportRateAndItsCopyBaseline() throws Exception {
    CliRun r = CliRun.run("bench", "import", "--quick", "--config", "../config/contact-centre.yaml");
    assertThat(r.code()).as(r.err()).isZero();
    // (The test JVM's log lines go to stdout too; the launcher's go to stderr.)
    List<String> json = r.out().lines().filter(l -> l.startsWith("{")).toList();
    assertThat(json).hasSize(1);
    io.vertx.core.json.JsonObject result = new io.vertx.core.json.JsonObject(json.get(0));
    assertThat(result.getInteger("rows")).isEqualTo(5_000);
    assertThat(result.getLong("customers_in_db")).isEqualTo(5_000);
    assertThat(result.getDouble("rows_per_s")).isPositive();
    assertThat(result.getDouble("copy_rows_per_s")).isPositive();
    assertThat(result.getDouble("ratio_import_copy")).isEqualTo(
        result.getDouble("rows_per_s") / result.getDouble("copy_rows_per_s"), org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void anUnknownKindIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.csv"), "code,name\n");
    CliRun r = CliRun.run("import", "substations", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("customers, areas, metering-points");
  }

  /** The shipped configuration with storage pointed at the test's real servers and data in a scratch directory. */
  private static Path config(Path dir, StorageSettings s) throws Exception {
    String shipped = Files.readString(Path.of("../config/contact-centre.yaml"));
    String storage = "  data-dir: " + dir.resolve("data") + "\n  postgres-url: " + s.postgresUrl() + "\n  postgres-user: "
        + s.postgresUser() + "\n  redis-url: " + s.redisUrl() + "\n";
    String patched = shipped.replaceFirst("(?m)^  data-dir: data\\n", java.util.regex.Matcher.quoteReplacement(storage));
    assertThat(patched).isNotEqualTo(shipped);
    return Files.writeString(dir.resolve("contact-centre.yaml"), patched);
  }

  private static long customers(Storage storage) throws Exception {
    return Long.parseLong(scalar(storage, "SELECT count(*) FROM crm_customer"));
  }

  private static String scalar(Storage storage, String sql) throws Exception {
    return String.valueOf(storage.pool().query(sql).execute().await(30, TimeUnit.SECONDS).iterator().next().getValue(0));
  }
}
