package org.gridcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** The server's PBX link is the production Asterisk adapter talking AMI to the simulator; losing it means not ready. */
@RealServers
class PbxReadinessTest {

  @Test
  void readyWhileThePbxAnswersAndNotReadyNamingThePbxWhenItIsGone(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      WebClient http = WebClient.create(centre.cc().vertx());
      int port = centre.cc().httpPort();
      HttpResponse<Buffer> ready = await(http.get(port, "127.0.0.1", "/health/ready").send());
      assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);

      CompletableFuture<PbxEvent> lost = new CompletableFuture<>();
      centre.cc().vertx().runOnContext(v -> centre.cc().pbxLink().pbx().subscribe(e -> {
        if (e instanceof PbxEvent.PbxDisconnected) {
          lost.complete(e);
        }
      }));
      await(centre.cc().pbxLink().simulator().orElseThrow().close());
      lost.get(30, TimeUnit.SECONDS);

      HttpResponse<Buffer> notReady = await(http.get(port, "127.0.0.1", "/health/ready").send());
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.bodyAsJsonObject().getJsonObject("parts").getJsonObject("pbx").getString("status"))
          .isEqualTo("down");
      assertThat(notReady.bodyAsJsonObject().getJsonObject("parts").getJsonObject("postgres").getString("status"))
          .isEqualTo("up");
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
