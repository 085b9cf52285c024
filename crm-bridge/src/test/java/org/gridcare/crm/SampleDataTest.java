package org.gridcare.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.fails;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.StorageConfig;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.domain.Customer;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.FakePbx;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sample data set ({@code config/sample-data}, {@code crm.sample-data}) loads through the importer. */
@RealServers
class SampleDataTest {
  static final Path SHIPPED = Path.of("..", "config", "sample-data");

  @Test
  void theShippedSampleSetImportsIntoAnEmptyCrmOnce(Vertx vertx, StorageSettings settings, @TempDir Path data)
      throws Exception {
    ContactCentreConfig config = new ContactCentreConfig(null, new StorageConfig(null, null, null, null, data.toString()),
        null, null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null);
    Storage storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    Promise<CrmModule> started = Promise.promise();
    vertx.runOnContext(v -> CrmModule.start(vertx, config, storage, new FakePbx(), OutageLookup.NONE).onComplete(started));
    CrmModule crm = ok(started.future());
    try {
      // A file with a bad row is refused by line and none of its customers is kept.
      Path broken = Files.createDirectories(data.resolve("broken"));
      for (String f : CrmModule.SAMPLE_FILES) {
        Files.copy(SHIPPED.resolve(f), broken.resolve(f));
      }
      Files.writeString(broken.resolve("customers.csv"), Files.readString(broken.resolve("customers.csv"))
          .replace("707057500000000001", "707057500000000002"));
      assertThat(fails(crm.loadSampleData(broken)).getMessage()).contains("customers.csv", "line 2");

      long lines = Files.readAllLines(SHIPPED.resolve("customers.csv")).size() - 1;
      assertThat(ok(crm.loadSampleData(SHIPPED))).isEqualTo((int) lines);
      assertThat(lines).isGreaterThanOrEqualTo(2000);
      assertThat(ok(crm.loadSampleData(SHIPPED))).isZero();
      // Every identity is sealed under the current key and says so (key rotation re-encrypts by key id).
      long unkeyed = ok(storage.pool().query("SELECT count(*) FROM crm_customer WHERE identity_key_id IS NULL")
          .execute()).iterator().next().getLong(0);
      assertThat(unkeyed).isZero();

      var areas = ok(storage.pool().query("SELECT code, name FROM crm_grid_area ORDER BY code").execute());
      assertThat(areas.size()).isEqualTo(4);
      assertThat(areas.iterator().next().getString("name")).startsWith("Bergen sør");
      // The extra metering points (mountain cabins) sit at their own address in their own grid area.
      Customer c = ok(crm.directory().byNumber("C100006")).orElseThrow();
      assertThat(c.meteringPoints()).hasSize(2);
      assertThat(c.meteringPoints()).anySatisfy(mp -> {
        assertThat(mp.address().grid().area()).isEqualTo("HALLINGDAL");
        assertThat(mp.address().city()).isEqualTo("Geilo");
      });
      long cabins = ok(storage.pool().query("SELECT count(*) FROM crm_metering_point mp JOIN crm_address a "
          + "ON a.id = mp.address_id WHERE a.area_code = 'HALLINGDAL'").execute()).iterator().next().getLong(0);
      assertThat(cabins).isEqualTo(Files.readAllLines(SHIPPED.resolve("metering-points.csv")).size() - 1);
    } finally {
      ok(crm.close());
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }
}
