package org.gridcare.notifications.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Vertx;
import org.gridcare.notifications.testing.PrismServer;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * The quick benchmark against Prism directly: nobody gets two messages and the limit is never exceeded. How close
 * it gets to the limit depends on how fast Prism answers on this machine, so that is reported, not asserted here
 * (SmsSendingTest checks the pacing itself against a provider that keeps up).
 */
@RealServers
class SmsBenchmarkTest {

  @Test
  void quickRunSendsEachMessageOnceWithinTheLimit(Vertx vertx, StorageSettings settings) throws Exception {
    try (PrismServer prism = PrismServer.start()) {
      Storage storage = await(Storage.start(vertx, settings));
      try {
        SmsBenchmark.Result r = await(SmsBenchmark.run(vertx, storage, prism.baseUrl(), 1500, 100));
        System.out.println(r.toJson().encode());
        assertThat(r.targets()).isEqualTo(1500);
        assertThat(r.duplicates()).isZero();
        assertThat(r.ratio()).isLessThanOrEqualTo(1.01);
      } finally {
        await(storage.close());
      }
    }
  }
}
