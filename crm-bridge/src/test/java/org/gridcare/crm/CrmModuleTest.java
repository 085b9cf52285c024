package org.gridcare.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.config.StorageConfig;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.domain.Customer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridcare.testsupport.FakePbx;

@RealServers
class CrmModuleTest {

  @Test
  void theModuleRecordsCallsFromPbxEventsAndKeepsItsIdentityKey(Vertx vertx, StorageSettings settings, @TempDir Path data)
      throws Exception {
    ContactCentreConfig config = new ContactCentreConfig(null, new StorageConfig(null, null, null, null, data.toString()),
        null, null, null, List.of(), List.of(), List.of(new OperatorConfig("op1001", "Anna", "PJSIP/op1001", List.of(1),
            null)), null, null, null, null, null, null);
    Storage storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    FakePbx pbx = new FakePbx();
    Promise<CrmModule> started = Promise.promise();
    vertx.runOnContext(v -> CrmModule.start(vertx, config, storage, pbx, OutageLookup.NONE).onComplete(started));
    CrmModule crm = ok(started.future());
    try {
      Path key = data.resolve("crm-identity.key");
      assertThat(key).exists();
      assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
          java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      assertThat(ok(crm.loadSampleData(30))).isEqualTo(30);
      // The shipped sample set overlaps the demo population: importing it is refused as a whole, by line.
      var report = ok(crm.importCustomers(CrmModule.sampleCsv(40), n -> { }));
      assertThat(report.imported()).isZero();
      assertThat(report.errors()).isNotEmpty().allMatch(e -> e.line() >= 2 && e.line() <= 31);
      assertThat(crm.openApiFragment()).isEqualTo("openapi/crm.yaml");
      Customer c = ok(crm.directory().byNumber("C100001")).orElseThrow();

      Instant t0 = Instant.now();
      CallId call = new CallId("m-1");
      ok(pbx.emit(new PbxEvent.CallArrived(t0, call, new ChannelId("m-1a"), c.phones().get(0).e164(), "800")));
      ok(pbx.emit(new PbxEvent.ChannelHungUp(t0.plusSeconds(5), call, new ChannelId("m-1a"), HangupCause.NORMAL_CLEARING)));
      Row ended = awaitEnded(vertx, storage, "m-1");
      assertThat(ended.getLong("customer_id")).isEqualTo(c.id());
      assertThat(ended.getString("outcome")).isEqualTo("abandoned");
    } finally {
      ok(crm.close());
      storage.close().await(30, TimeUnit.SECONDS);
    }
    // A restart reads the same key back: the stored identities stay readable.
    Storage again = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    Promise<CrmModule> restarted = Promise.promise();
    vertx.runOnContext(v -> CrmModule.start(vertx, config, again, new FakePbx(), OutageLookup.NONE).onComplete(restarted));
    CrmModule crm2 = ok(restarted.future());
    try {
      Customer c = ok(crm2.directory().byNumber("C100001")).orElseThrow();
      assertThat(ok(crm2.loadSampleData(30))).isZero();
      assertThat(c.identityMasked()).hasSize(c.kind() == org.gridcare.crm.domain.CustomerKind.PRIVATE ? 11 : 9);
    } finally {
      ok(crm2.close());
      again.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Events are applied asynchronously after delivery: poll the row (on a timer, no sleep) until the call ended. */
  private static Row awaitEnded(Vertx vertx, Storage storage, String callId) throws Exception {
    Promise<Row> done = Promise.promise();
    vertx.setPeriodic(20, id -> storage.pool()
        .preparedQuery("SELECT customer_id, outcome FROM crm_interaction WHERE call_id = $1 AND ended_at IS NOT NULL")
        .execute(Tuple.of(callId))
        .onSuccess(rows -> {
          if (rows.size() > 0) {
            vertx.cancelTimer(id);
            done.tryComplete(rows.iterator().next());
          }
        }));
    return done.future().await(10, TimeUnit.SECONDS);
  }
}
