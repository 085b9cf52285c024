package org.gridcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimPhone;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * A whole call through the running server, every hop on the wire: the simulated caller dials the toll-free number,
 * the IVR (FastAGI) takes the hazard shortcut, the ACD rings the ready line-1 operator's softphone (AMI Originate),
 * bridges them, the conversation is recorded, and the journal holds what the reports need.
 */
@RealServers
class CallFlowTest {

  @Test
  void hazardCallerIsConnectedToTheReadyLineOneOperatorAndEverythingIsJournalled(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)), "operator-password-1"));
      String token = await(http.post("/api/auth/login").sendJsonObject(new JsonObject()
          .put("username", "op1001").put("password", "operator-password-1"))).bodyAsJsonObject().getString("token");

      SimPhone softphone = sim.phone("PJSIP/op1001").autoAnswer(true);
      assertThat(status(await(http.post("/api/acd/operators/op1001/login").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("endpoint", "PJSIP/op1001"))))).isEqualTo(200);
      assertThat(status(await(http.post("/api/acd/operators/op1001/ready").bearerTokenAuthentication(token).send())))
          .isEqualTo(200);

      CompletableFuture<PbxEvent.ChannelsBridged> bridged = new CompletableFuture<>();
      cc.vertx().runOnContext(v -> cc.pbxLink().pbx().subscribe(e -> {
        if (e instanceof PbxEvent.ChannelsBridged b) {
          bridged.complete(b);
        }
      }));

      SimCall caller = sim.placeCall("+4791234567", "80012345");
      await(caller.awaitNextPrompt()); // choose your language
      await(caller.press("1"));
      await(caller.awaitNextPrompt()); // welcome: 9 is the danger-to-life shortcut
      await(caller.press("9"));
      await(softphone.awaitRinging());
      await(caller.awaitState(CallState.BRIDGED));
      bridged.get(30, TimeUnit.SECONDS);

      JsonObject op = await(http.get("/api/acd/operators/op1001").bearerTokenAuthentication(token).send()).bodyAsJsonObject();
      assertThat(op.getString("state")).isEqualTo("on-call");

      await(caller.hangUp());
      await(caller.awaitState(CallState.HUNG_UP));

      // Journal and recording catalogue follow the PBX events asynchronously: poll until they are written.
      TestCentre.eventually("the answered leg is journalled", () -> journalTypes(cc).contains("acd.call.answered"));
      TestCentre.eventually("the conversation's recording is catalogued", () -> await(cc.storage().pool()
          .query("SELECT count(*) FROM rec_recording").execute()).iterator().next().getLong(0) == 1);
      List<String> journal = journalTypes(cc);
      assertThat(journal).contains("ivr.started", "acd.call.queued", "acd.call.offered", "acd.call.answered");
      String lineOfQueued = await(cc.storage().pool().query(
          "SELECT line, data FROM journal WHERE type = 'acd.call.queued'").execute()).iterator().next().getValue("line").toString();
      assertThat(lineOfQueued).isEqualTo("1");

      HttpResponse<Buffer> metrics = await(http.get("/metrics").send());
      // The meters agree with what the simulated parties saw: one call answered on line 1, none abandoned.
      assertThat(metrics.bodyAsString())
          .containsPattern("(?m)^acd_queue_wait_seconds_count\\{line=\"1\",outcome=\"answered\"\\} 1$")
          .doesNotContainPattern("(?m)^acd_queue_wait_seconds_count\\{line=\"1\",outcome=\"abandoned\"\\} [1-9]");
    }
  }

  private static List<String> journalTypes(ContactCentre cc) throws Exception {
    return await(cc.storage().pool().query("SELECT type FROM journal ORDER BY id").execute().map(rows -> {
      List<String> types = new java.util.ArrayList<>();
      rows.forEach(r -> types.add(r.getString("type")));
      return types;
    }));
  }


  private static int status(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 299);
    return r.statusCode();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
