package org.gridcare.server.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ContactCentreConfig;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The server goes down in the middle of a recorded conversation and leaves the PBX's MixMonitor file behind (its
 * WAVE header never finalised, as Asterisk leaves it): after the restart the file is catalogued on its call as
 * {@code recovered}, with checksum, size and duration, and the operator can play it with Range.
 */
@RealServers
class RecordingRecoveryTest {

  @Test
  void aMonitorFileLeftByACrashMidCallIsCataloguedAfterTheRestartAndPlays(StorageSettings storage, @TempDir Path data)
      throws Exception {
    ContactCentreConfig config = TestCentre.config(storage, data);
    String callId;
    try (TestCentre first = TestCentre.start(config)) {
      ContactCentre cc = first.cc();
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      WebClient http = client(cc);
      String op1001 = login(cc, http);
      SimPhone softphone = sim.phone("PJSIP/op1001").autoAnswer(true);
      ok(await(http.post("/api/acd/operators/op1001/login").bearerTokenAuthentication(op1001)
          .sendJsonObject(new JsonObject().put("endpoint", "PJSIP/op1001"))));
      ok(await(http.post("/api/acd/operators/op1001/ready").bearerTokenAuthentication(op1001).send()));
      SimCall caller = sim.placeCall("+4791234567", "80012345");
      await(caller.awaitNextPrompt());
      await(caller.press("1"));
      await(caller.awaitNextPrompt());
      await(caller.press("9"));
      await(softphone.awaitRinging());
      await(caller.awaitState(CallState.BRIDGED));
      TestCentre.eventually("the recording has started", () -> startedCall(cc) != null);
      callId = startedCall(cc);
    } // the server stops with the conversation still going: no hang-up reaches the recordings module

    // What the PBX left: 2.5 s of 8 kHz 16-bit audio whose header still says 0 bytes.
    Path monitor = Path.of(config.recordings().monitorDir());
    Path leftover = monitor.resolve(callId + ".wav");
    byte[] written = new byte[44 + 40_000];
    ByteBuffer header = ByteBuffer.wrap(written).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0x46464952).putInt(36).putInt(0x45564157).putInt(0x20746d66).putInt(16).putShort((short) 1)
        .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16).putInt(0x61746164)
        .putInt(0);
    for (int i = 44; i < written.length; i++) {
      written[i] = (byte) (i * 31);
    }
    Files.write(leftover, written);
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofMinutes(3))));

    try (TestCentre second = TestCentre.start(config)) {
      ContactCentre cc = second.cc();
      TestCentre.eventually("the leftover file is catalogued", () -> row(cc, callId) != null);
      Row row = row(cc, callId);
      byte[] repaired = written.clone();
      ByteBuffer.wrap(repaired).order(ByteOrder.LITTLE_ENDIAN).putInt(4, written.length - 8).putInt(40, 40_000);
      assertThat(row.getString("status")).isEqualTo("recovered");
      assertThat(row.getString("operator_id")).isEqualTo("op1001");
      assertThat(row.getLong("size_bytes")).isEqualTo(written.length);
      assertThat(row.getLong("duration_ms")).isEqualTo(2500);
      assertThat(row.getString("sha256"))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(repaired)));
      assertThat(leftover).doesNotExist();

      WebClient http = client(cc);
      String op1001 = login(cc, http);
      String audio = "/api/recordings/" + row.getUUID("id") + "/audio";
      HttpResponse<Buffer> part = await(http.get(audio).putHeader("Range", "bytes=100-4099")
          .bearerTokenAuthentication(op1001).send());
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.getHeader("Content-Range")).isEqualTo("bytes 100-4099/" + written.length);
      assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(repaired, 100, 4100));
      long listens = await(cc.storage().pool().preparedQuery("SELECT count(*) FROM audit WHERE action = "
          + "'recording.listened' AND subject_id = $1").execute(Tuple.of(row.getUUID("id").toString())))
          .iterator().next().getLong(0);
      assertThat(listens).isEqualTo(1);
    }
  }

  private static WebClient client(ContactCentre cc) {
    return WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(cc.httpPort()));
  }

  private static String login(ContactCentre cc, WebClient http) throws Exception {
    await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)),
        "op1001-password-1").recover(e -> Future.succeededFuture()));
    return ok(await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "op1001")
        .put("password", "op1001-password-1")))).bodyAsJsonObject().getString("token");
  }

  private static String startedCall(ContactCentre cc) throws Exception {
    var rows = await(cc.storage().pool().query("SELECT call_id FROM journal WHERE type = 'recordings.started'")
        .execute());
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }

  private static Row row(ContactCentre cc, String callId) throws Exception {
    var rows = await(cc.storage().pool().preparedQuery("SELECT id, status, operator_id, size_bytes, duration_ms, sha256 "
        + "FROM rec_recording WHERE call_id = $1").execute(Tuple.of(callId)));
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
