package org.gridcare.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.NotificationsConfig;
import org.gridcare.config.Secret;
import org.gridcare.config.ServerConfig;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Segment;
import org.gridcare.notifications.testing.FakePbx;
import org.gridcare.notifications.testing.Fixtures;
import org.gridcare.notifications.testing.PrismServer;
import org.gridcare.notifications.testing.TwilioStub;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** The module as the server wires it, from configuration: an outage reaches mobiles by SMS and landlines by phone. */
@RealServers
class NotificationsModuleTest {

  @Test
  void anOutageReachesMobilesBySmsThroughTwilioAndLandlinesByCall(Vertx vertx, StorageSettings settings)
      throws Exception {
    try (PrismServer prism = PrismServer.start()) {
      TwilioStub stub = await(TwilioStub.start(vertx, prism.port()));
      Storage storage = await(Storage.start(vertx, settings));
      ContactCentreConfig config = new ContactCentreConfig(new ServerConfig("127.0.0.1", 8080, null,
          "https://cc.example.net"), null, null, null, null, null, null, null, null, null, null,
          new NotificationsConfig(new NotificationsConfig.Twilio("AC" + "0123456789abcdef".repeat(2),
              new Secret("TWILIO_TOKEN", null, Map.of("TWILIO_TOKEN", "secret-token")), "MG" + "1".repeat(32), null, 50.0, stub.baseUrl()), null, null,
              Fixtures.CONFIG.notifications().templates()),
          null, null);
      List<Candidate> customers = new ArrayList<>(Fixtures.households(900_000, 10));
      customers.add(new Candidate("land-1", "Landline", "+4722000001", "en", true, Segment.HOUSEHOLD));
      customers.add(new Candidate("big-1", "Smelter", "+4791111111", "en", true, Segment.LARGE_CONSUMER));
      FakePbx pbx = new FakePbx(vertx, 10);

      NotificationsModule module = await(NotificationsModule.start(vertx, config, storage, pbx,
          area -> Future.succeededFuture(customers), (text, language) -> Future.succeededFuture("/tts/x"),
          Fixtures.applicants(Map.of())));
      assertThat(module.openApiFragment()).isEqualTo("openapi/notifications.yaml");
      await(module.outages().report(new ReportOutage(Area.ofPostcodes("0150"), "storm", null, null, "oms", "OMS-7")));
      stub.whenAccepted(10).get(30, TimeUnit.SECONDS);
      pbx.firstCall().get(30, TimeUnit.SECONDS);
      await(module.close());

      assertThat(stub.sent()).extracting(TwilioStub.Sent::to)
          .containsExactlyInAnyOrderElementsOf(customers.subList(0, 10).stream().map(Candidate::phone).toList());
      assertThat(stub.sent()).allSatisfy(s ->
          assertThat(s.statusCallback()).startsWith("https://cc.example.net/api/notifications/twilio/status?key="));
      assertThat(stub.rejectedByContract()).isZero();
      assertThat(pbx.originated()).extracting(r -> r.endpoint().address()).containsExactly("+4722000001");
      long operatorCalls = await(storage.pool().query("SELECT count(*) AS n FROM notify_operator_call").execute())
          .iterator().next().getLong("n");
      assertThat(operatorCalls).isEqualTo(1);
      await(storage.close());
    }
  }
}
