package org.gridcare.crm.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Collectors;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.crypto.AesGcmIdentityVault;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;
import org.postgresql.PGConnection;

/**
 * Customer import throughput: {@code rows} generated customers written as the import CSV, loaded through the real
 * import path ({@link CrmModule#importCsv}: parse and validate, clash checks, one transaction into customers, phones,
 * addresses and metering points with the identity sealed) into an empty CRM; the baseline is a plain PostgreSQL
 * {@code COPY} of the same CSV text into a table of text columns on the same server, timed first.
 */
public final class ImportBench {
  private ImportBench() {}

  /** {@code jdbcUrl}/{@code user}/{@code password} name the database behind {@code storage}, for the COPY. */
  public static Future<JsonObject> run(Vertx vertx, Storage storage, String jdbcUrl, String user, String password,
      PhoneNumbers phones, int rows) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    AesGcmIdentityVault vault = new AesGcmIdentityVault(key);
    return vertx.executeBlocking(() -> CrmModule.sampleCsv(rows), false)
        .compose(csv -> vertx.executeBlocking(() -> copy(jdbcUrl, user, password, csv), false).compose(copyNanos -> {
          long start = System.nanoTime();
          return CrmModule.importCsv(vertx, storage, vault, phones, "customers", csv, done -> { })
              .compose(report -> {
                long importNanos = System.nanoTime() - start;
                if (!report.ok()) {
                  return Future.failedFuture(new IllegalStateException("the generated file was rejected: "
                      + report.errors().get(0)));
                }
                return storage.pool().query("SELECT count(*) FROM crm_customer").execute().map(count -> {
                  double importRate = rows / (importNanos / 1e9);
                  double copyRate = rows / (copyNanos / 1e9);
                  return new JsonObject().put("bench", "import").put("rows", rows)
                      .put("customers_in_db", count.iterator().next().getLong(0))
                      .put("seconds", round(importNanos / 1e9, 2)).put("rows_per_s", round(importRate, 0))
                      .put("copy_seconds", round(copyNanos / 1e9, 3)).put("copy_rows_per_s", round(copyRate, 0))
                      .put("ratio_import_copy", round(importRate / copyRate, 4));
                });
              });
        }));
  }

  /** COPYs the CSV into a fresh table of text columns; returns the nanoseconds the COPY took. */
  private static long copy(String jdbcUrl, String user, String password, String csv) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_import_copy");
      s.execute("CREATE TABLE bench_import_copy (" + CustomerCsv.COLUMNS.stream().map(col -> col + " text")
          .collect(Collectors.joining(", ")) + ")");
      long start = System.nanoTime();
      long copied = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY bench_import_copy FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(csv));
      long nanos = System.nanoTime() - start;
      s.execute("DROP TABLE bench_import_copy");
      if (copied <= 0) {
        throw new IllegalStateException("COPY loaded no rows");
      }
      return nanos;
    }
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
