package org.gridcare.crm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.pg.PgSampleData;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** {@code -Dbench.customers=3000 -Dbench.offers=1500} for the full-size run (the result goes to the test output). */
@RealServers
class ScreenPopBenchTest {

  @Test
  void offersAtFiftyPerSecondGetTheirCards(Vertx vertx, StorageSettings settings) throws Exception {
    int customers = Integer.getInteger("bench.customers", 200);
    int offers = Integer.getInteger("bench.offers", 100);
    CrmTestBed bed = CrmTestBed.start(vertx, settings, false);
    try {
      PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, customers, 2026).await(10, TimeUnit.MINUTES);
      JsonObject result = ScreenPopBench.run(vertx, bed.screenPop(OutageLookup.NONE),
          SampleCustomers.generate(customers, 2026), 50, offers).await(10, TimeUnit.MINUTES);
      System.out.println(result.encode());
      assertThat(result.getInteger("offers")).isEqualTo(offers);
      assertThat(result.getInteger("failed")).isZero();
      assertThat(ok(bed.customers.count())).isEqualTo(customers);
    } finally {
      bed.close();
    }
  }
}
