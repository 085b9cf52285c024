package org.gridcare.crm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** {@code -Dbench.rows=100000} for a full-size run in the module (the launcher's is {@code bench import}). */
@RealServers
class ImportBenchTest {

  @Test
  void importsEveryGeneratedCustomerAndComparesWithCopy(Vertx vertx, StorageSettings settings) throws Exception {
    int rows = Integer.getInteger("bench.rows", 1_000);
    CrmTestBed bed = CrmTestBed.start(vertx, settings, false);
    try {
      JsonObject result = ImportBench.run(vertx, bed.storage, "jdbc:" + settings.postgresUrl(), settings.postgresUser(),
          settings.postgresPassword(), new PhoneNumbers("NO"), rows).await(10, TimeUnit.MINUTES);
      System.out.println(result.encode());
      assertThat(result.getInteger("rows")).isEqualTo(rows);
      assertThat(result.getLong("customers_in_db")).isEqualTo(rows);
      assertThat(result.getDouble("rows_per_s")).isPositive();
      assertThat(result.getDouble("ratio_import_copy")).isPositive();
    } finally {
      bed.close();
    }
  }
}
