package org.gridcare.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.DemoTraffic;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's storm: an unplanned outage over the sample OSLO-NORD area whose customers get an SMS each. */
@RealServers
class DemoOutageTest {

  @Test
  void theDemoOutageQueuesAnSmsForEverySampleCustomerWithAMobileInTheArea(StorageSettings storage, @TempDir Path dir)
      throws Exception {
    ContactCentre cc = await(ContactCentre.start(TestCentre.config(storage, dir)));
    try {
      DemoTraffic.outageAfter(cc, Duration.ZERO);
      Outage outage = reported(cc).get(60, TimeUnit.SECONDS);

      assertThat(outage.source()).isEqualTo("demo");
      assertThat(outage.area().substations()).containsExactlyInAnyOrder("Grefsen", "Kjelsås");
      long queued = await(cc.storage().pool().preparedQuery("SELECT count(*) AS n FROM notify_sms s "
          + "JOIN notify_campaign c ON c.id = s.campaign_id WHERE c.outage_id = $1").execute(Tuple.of(outage.id())))
          .iterator().next().getLong("n");
      assertThat(queued).as("sample customers with a consenting mobile in Grefsen/Kjelsås").isPositive();
    } finally {
      await(cc.stop());
    }
  }

  /** Completes with the first open outage once the demo has reported it (the report is asynchronous). */
  private static CompletableFuture<Outage> reported(ContactCentre cc) {
    CompletableFuture<Outage> found = new CompletableFuture<>();
    cc.vertx().setPeriodic(100, id -> cc.notifications().outages().open().onSuccess(open -> {
      if (!open.isEmpty() && found.complete(open.get(0))) {
        cc.vertx().cancelTimer(id);
      }
    }));
    return found;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
