package org.gridcare.server.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimPhone;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * A conversation from the wire to the ticket: the simulated caller takes the hazard shortcut, the ready operator's
 * softphone answers, the call is recorded; while talking the operator opens a ticket for the call over the CRM API.
 * After hang-up the WAV lands in the store (checksum and size catalogued), the ticket lists it, and playback serves
 * exactly the requested bytes of the stored file, refuses a bad range and another agent, and audits every listen.
 */
@RealServers
class RecordingFlowTest {

  @Test
  void theOperatorsTicketListsTheRecordingWhichPlaysBackByRangeAndIsAudited(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      String op1001 = login(cc, http, "op1001");
      String op1002 = login(cc, http, "op1002");

      SimPhone softphone = sim.phone("PJSIP/op1001").autoAnswer(true);
      ok(await(http.post("/api/acd/operators/op1001/login").bearerTokenAuthentication(op1001)
          .sendJsonObject(new JsonObject().put("endpoint", "PJSIP/op1001"))));
      ok(await(http.post("/api/acd/operators/op1001/ready").bearerTokenAuthentication(op1001).send()));

      SimCall caller = sim.placeCall("+4791234567", "80012345");
      await(caller.awaitNextPrompt()); // choose your language
      await(caller.press("1"));
      await(caller.awaitNextPrompt()); // welcome: 9 is the danger-to-life shortcut
      await(caller.press("9"));
      await(softphone.awaitRinging());
      await(caller.awaitState(CallState.BRIDGED));

      // The operator's desktop knows the call it answered; the ticket is opened while the conversation (and its
      // recording) is still running, so the link waits for the recording to be catalogued.
      TestCentre.eventually("the answered call is journalled", () -> !answeredCallIds(cc).isEmpty());
      String callId = answeredCallIds(cc).get(0);
      JsonObject ticket = ok(await(http.post("/api/crm/tickets").bearerTokenAuthentication(op1001)
          .sendJsonObject(new JsonObject().put("topic", "hazard").put("subject", "Fallen line across the road")
              .put("line", 1).put("callId", callId)))).bodyAsJsonObject();
      long ticketId = ticket.getLong("id");

      await(caller.hangUp());
      await(caller.awaitState(CallState.HUNG_UP));

      TestCentre.eventually("the recording is stored and catalogued", () -> recordingRow(cc) != null
          && "stored".equals(recordingRow(cc).getString("status")));
      Row row = recordingRow(cc);
      String recordingId = row.getUUID("id").toString();
      assertThat(row.getString("call_id")).isEqualTo(callId);
      assertThat(row.getString("operator_id")).isEqualTo("op1001");
      Path file = Path.of(centre.config().recordings().storeDir()).resolve(row.getString("store_key"));
      byte[] stored = Files.readAllBytes(file);
      assertThat((long) stored.length).isGreaterThan(44L).isEqualTo(row.getLong("size_bytes"));
      assertThat(new String(stored, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
      assertThat(row.getString("sha256"))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));

      JsonObject detail = ok(await(http.get("/api/crm/tickets/" + ticketId).bearerTokenAuthentication(op1001).send()))
          .bodyAsJsonObject();
      assertThat(detail.getJsonArray("links").stream().map(JsonObject.class::cast)
          .anyMatch(l -> l.getString("kind").equals("call") && l.getString("ref").equals(callId))).isTrue();
      TestCentre.eventually("the recording is linked to the ticket", () -> await(cc.storage().pool().preparedQuery(
          "SELECT count(*) FROM rec_recording_ticket WHERE ticket_id = $1").execute(Tuple.of(ticketId)))
          .iterator().next().getLong(0) == 1);
      JsonArray listed = ok(await(http.get("/api/recordings").addQueryParam("ticket", String.valueOf(ticketId))
          .bearerTokenAuthentication(op1001).send())).bodyAsJsonArray();
      assertThat(listed).hasSize(1);
      assertThat(listed.getJsonObject(0).getString("id")).isEqualTo(recordingId);
      assertThat(listed.getJsonObject(0).getJsonArray("tickets").stream().map(t -> ((Number) t).longValue()))
          .containsExactly(ticketId);

      String audio = "/api/recordings/" + recordingId + "/audio";
      long last = Math.min(stored.length - 1, 1023);
      HttpResponse<Buffer> part = await(http.get(audio).putHeader("Range", "bytes=8-" + last)
          .bearerTokenAuthentication(op1001).send());
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.getHeader("Content-Range")).isEqualTo("bytes 8-" + last + "/" + stored.length);
      assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(stored, 8, (int) last + 1));

      HttpResponse<Buffer> whole = await(http.get(audio).bearerTokenAuthentication(op1001).send());
      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body().getBytes()).isEqualTo(stored);

      HttpResponse<Buffer> beyond = await(http.get(audio).putHeader("Range", "bytes=" + stored.length + "-")
          .bearerTokenAuthentication(op1001).send());
      assertThat(beyond.statusCode()).isEqualTo(416);
      assertThat(beyond.getHeader("Content-Range")).isEqualTo("bytes */" + stored.length);

      HttpResponse<Buffer> other = await(http.get(audio).putHeader("Range", "bytes=0-99")
          .bearerTokenAuthentication(op1002).send());
      assertThat(other.statusCode()).isEqualTo(403);
      assertThat(other.bodyAsJsonObject().getString("error")).isNotBlank();

      // Both listens (the range and the whole file) are in the access audit, the refused ones are not listens.
      List<String> listens = new ArrayList<>();
      await(cc.storage().pool().preparedQuery("SELECT actor, subject_type FROM audit WHERE action = 'recording.listened' "
          + "AND subject_id = $1 ORDER BY id").execute(Tuple.of(recordingId)))
          .forEach(r -> listens.add(r.getString("actor") + " " + r.getString("subject_type")));
      assertThat(listens).containsExactly("op1001 recording", "op1001 recording");
      assertThat(await(cc.storage().audit().verify()).intact()).isTrue();
    }
  }

  private static String login(ContactCentre cc, WebClient http, String operator) throws Exception {
    await(cc.authentication().addUser("test", new Identity(operator, Set.of(Role.AGENT), List.of(1)),
        operator + "-password-1"));
    return ok(await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", operator)
        .put("password", operator + "-password-1")))).bodyAsJsonObject().getString("token");
  }

  private static List<String> answeredCallIds(ContactCentre cc) throws Exception {
    List<String> ids = new ArrayList<>();
    await(cc.storage().pool().query("SELECT call_id FROM journal WHERE type = 'acd.call.answered' ORDER BY id")
        .execute()).forEach(r -> ids.add(r.getString("call_id")));
    return ids;
  }

  private static Row recordingRow(ContactCentre cc) throws Exception {
    var rows = await(cc.storage().pool().query("SELECT id, call_id, operator_id, store_key, size_bytes, sha256, status "
        + "FROM rec_recording").execute());
    assertThat(rows.size()).isLessThanOrEqualTo(1);
    return rows.size() == 0 ? null : rows.iterator().next();
  }


  private static HttpResponse<Buffer> ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 299);
    return r;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
