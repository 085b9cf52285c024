package org.gridcare.recordings.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.recordings.Await.ok;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.config.RecordingsConfig;
import org.gridcare.config.StorageConfig;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.recordings.RecordingsModule;
import org.gridcare.recordings.domain.RecordingDomainTest;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridcare.testsupport.FakePbx;
import org.gridcare.testsupport.TestApi;

/** A call answered through the (fake) PBX is recorded, stored, listed, played with Range, exported and audited. */
@RealServers
class RecordingsEndToEndTest {
  static final String ANNA = "op1001;agent;1";
  static final String IVAN = "op1002;agent;1";
  static final String SUP1 = "sup1;supervisor;1";
  static final String SUP2 = "sup2;supervisor;2";
  static final String ADMIN = "root;admin;";
  @TempDir static Path dir;
  static Storage storage;
  static FakePbx pbx;
  static RecordingsModule module;
  static Context context;
  static HttpServer server;
  static WebClient client;
  static byte[] audio;
  static String recordingId;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    ContactCentreConfig config = new ContactCentreConfig(null, new StorageConfig(null, null, null, null, dir.toString()),
        null, null, null, List.of(), List.of(), List.of(
            new OperatorConfig("op1001", "Anna", "PJSIP/op1001", List.of(1), null)), null, null,
        new RecordingsConfig(dir.resolve("monitor").toString(), dir.resolve("store").toString(),
            dir.resolve("archive").toString(), true, null, null, null, null, dir.resolve("cache").toString(), null),
        null, null, null);
    pbx = new FakePbx();
    context = vertx.getOrCreateContext();
    Promise<RecordingsModule> started = Promise.promise();
    context.runOnContext(v -> RecordingsModule.start(vertx, config, storage, pbx).onComplete(started));
    module = ok(started.future());
    server = ok(TestApi.start(vertx, module.openApiFragment(), module.routes()));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
    recordingId = recordCall(vertx, "call-h1");
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    ok(server.close());
    ok(module.close());
    storage.close().await(30, TimeUnit.SECONDS);
  }

  /** Drives one answered call through the PBX events and waits until its recording is catalogued. */
  static String recordCall(Vertx vertx, String call) throws Exception {
    Instant t0 = Instant.now();
    CallId id = new CallId(call);
    ChannelId caller = new ChannelId(call + "-c");
    ChannelId op = new ChannelId(call + "-o");
    ok(pbx.emit(new PbxEvent.CallArrived(t0, id, caller, "+4791234567", "800")));
    ok(module.lifecycle().classify(call, 1, "outage", null));
    // The CRM recognised the caller: the recording is filed under the customer.
    vertx.eventBus().publish(RecordingsModule.IDENTIFIED_ADDRESS, new JsonObject().put("callId", call)
        .put("customerId", 1001L));
    ok(pbx.emit(new PbxEvent.ChannelCreated(t0, new Channel(op, id, "PJSIP/op1001", ChannelState.RINGING, null, null,
        null, null, t0))));
    ok(pbx.emit(new PbxEvent.ChannelsBridged(t0.plusSeconds(2), id, op, "b", List.of(caller, op))));
    awaitCommand(vertx, "startRecording " + caller);

    // Pause while a card number is spoken: only the operator on the call (or a supervisor) may.
    assertThat(call(HttpMethod.POST, "/api/recordings/calls/" + call + "/pause", IVAN, null).statusCode()).isEqualTo(403);
    assertThat(call(HttpMethod.POST, "/api/recordings/calls/" + call + "/pause", ANNA, null).statusCode()).isEqualTo(204);
    assertThat(call(HttpMethod.POST, "/api/recordings/calls/" + call + "/pause", ANNA, null).statusCode()).isEqualTo(409);
    assertThat(call(HttpMethod.POST, "/api/recordings/calls/" + call + "/resume", ANNA, null).statusCode()).isEqualTo(204);

    audio = new byte[44 + 16000];
    System.arraycopy(RecordingDomainTest.wavHeader(16000), 0, audio, 0, 44);
    for (int i = 44; i < audio.length; i++) {
      audio[i] = (byte) (i % 251);
    }
    Files.write(dir.resolve("monitor").resolve(call + ".wav"), audio);
    // The operator registers a ticket during the call: the recording, catalogued at hang-up, is listed on it.
    assertThat(ok(module.lifecycle().ticketLinked(call, 55, "op1001"))).isTrue();
    ok(pbx.emit(new PbxEvent.ChannelHungUp(t0.plusSeconds(30), id, caller, HangupCause.NORMAL_CLEARING)));
    Promise<String> stored = Promise.promise();
    vertx.setPeriodic(20, t -> storage.pool().preparedQuery("SELECT id FROM rec_recording WHERE call_id = $1")
        .execute(Tuple.of(call)).onSuccess(rows -> {
          if (rows.size() > 0) {
            vertx.cancelTimer(t);
            stored.tryComplete(rows.iterator().next().getUUID(0).toString());
          }
        }));
    return stored.future().await(10, TimeUnit.SECONDS);
  }

  static void awaitCommand(Vertx vertx, String prefix) throws Exception {
    Promise<Void> seen = Promise.promise();
    vertx.setPeriodic(10, t -> {
      if (pbx.commands.stream().anyMatch(c -> c.startsWith(prefix))) {
        vertx.cancelTimer(t);
        seen.tryComplete();
      }
    });
    seen.future().await(10, TimeUnit.SECONDS);
  }

  static HttpResponse<Buffer> call(HttpMethod method, String uri, String user, JsonObject body) throws Exception {
    var req = client.request(method, uri).putHeader("X-Test-User", user);
    return ok(body == null ? req.send() : req.sendJsonObject(body));
  }

  static HttpResponse<Buffer> get(String uri, String user, String range) throws Exception {
    var req = client.request(HttpMethod.GET, uri).putHeader("X-Test-User", user);
    if (range != null) {
      req.putHeader("Range", range);
    }
    return ok(req.send());
  }

  @Test
  void theOperatorAndTheirSupervisorFindTheRecordingOthersDoNot() throws Exception {
    JsonArray mine = call(HttpMethod.GET, "/api/recordings?phone=4791234567&minDurationSeconds=0", ANNA, null)
        .bodyAsJsonArray();
    assertThat(mine).hasSize(1);
    JsonObject r = mine.getJsonObject(0);
    assertThat(r.getString("id")).isEqualTo(recordingId);
    assertThat(r.getLong("durationMs")).isEqualTo(1000);
    assertThat(r.getString("topic")).isEqualTo("outage");
    assertThat(r.getString("customerPhone")).doesNotContain("91234567");
    assertThat(call(HttpMethod.GET, "/api/recordings", IVAN, null).bodyAsJsonArray()).isEmpty();
    assertThat(call(HttpMethod.GET, "/api/recordings?line=1", SUP1, null).bodyAsJsonArray()).hasSize(1);
    assertThat(call(HttpMethod.GET, "/api/recordings", SUP2, null).bodyAsJsonArray()).isEmpty();
    assertThat(call(HttpMethod.GET, "/api/recordings/" + recordingId, IVAN, null).statusCode()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/recordings?minDurationSeconds=5", ANNA, null).bodyAsJsonArray()).isEmpty();
    assertThat(call(HttpMethod.GET, "/api/recordings?customerId=1001", ANNA, null).bodyAsJsonArray()).hasSize(1);
  }

  @Test
  void playbackStreamsTheFileAndHonoursRanges() throws Exception {
    HttpResponse<Buffer> whole = get("/api/recordings/" + recordingId + "/audio", ANNA, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.getHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(whole.body().getBytes()).isEqualTo(audio);

    HttpResponse<Buffer> part = get("/api/recordings/" + recordingId + "/audio", SUP1, "bytes=100-199");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.getHeader("Content-Range")).isEqualTo("bytes 100-199/" + audio.length);
    assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));

    HttpResponse<Buffer> tail = get("/api/recordings/" + recordingId + "/audio", ANNA, "bytes=-10");
    assertThat(tail.body().getBytes()).isEqualTo(Arrays.copyOfRange(audio, audio.length - 10, audio.length));

    HttpResponse<Buffer> bad = get("/api/recordings/" + recordingId + "/audio", ANNA, "bytes=999999-");
    assertThat(bad.statusCode()).isEqualTo(416);
    assertThat(bad.getHeader("Content-Range")).isEqualTo("bytes */" + audio.length);

    assertThat(get("/api/recordings/" + recordingId + "/audio", IVAN, null).statusCode()).isEqualTo(403);
    JsonArray audit = call(HttpMethod.GET, "/api/recordings/" + recordingId + "/audit", ADMIN, null).bodyAsJsonArray();
    assertThat(audit.stream().map(o -> ((JsonObject) o).getString("action") + ":" + ((JsonObject) o).getString("actor")))
        .contains("listened:op1001", "listened:sup1").doesNotContain("listened:op1002");
    assertThat(call(HttpMethod.GET, "/api/recordings/" + recordingId + "/audit", ANNA, null).statusCode()).isEqualTo(403);
  }

  @Test
  void requestsCannotReachTheFileSystemByPath() throws Exception {
    assertThat(get("/api/recordings/..%2F..%2Fetc%2Fpasswd/audio", ADMIN, null).statusCode()).isEqualTo(400);
    assertThat(get("/api/recordings/not-a-recording/audio", ADMIN, null).statusCode()).isEqualTo(400);
    assertThat(get("/api/recordings/00000000-0000-0000-0000-000000000000/audio", ADMIN, null).statusCode()).isEqualTo(404);
  }

  @Test
  void exportsNeedAReasonAndTicketsListAndZipTheirRecordings() throws Exception {
    assertThat(get("/api/recordings/" + recordingId + "/export", ANNA, null).statusCode()).isEqualTo(400);
    HttpResponse<Buffer> file = get("/api/recordings/" + recordingId + "/export?reason=complaint%20C-9", ANNA, null);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.getHeader("Content-Disposition")).contains("attachment");
    assertThat(file.body().getBytes()).isEqualTo(audio);

    assertThat(call(HttpMethod.POST, "/api/recordings/" + recordingId + "/tickets", ANNA,
        new JsonObject().put("ticketId", 31)).statusCode()).isEqualTo(204);
    assertThat(ok(module.linkCallToTicket("call-h1", 32, "op1001"))).isTrue();
    JsonArray forTicket = call(HttpMethod.GET, "/api/recordings?ticket=31", ANNA, null).bodyAsJsonArray();
    assertThat(forTicket).hasSize(1);
    assertThat(forTicket.getJsonObject(0).getJsonArray("tickets").getList()).contains(31, 32, 55);
    HttpResponse<Buffer> zip = get("/api/recordings/tickets/31/export?reason=dispute", ANNA, null);
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.getHeader("Content-Type")).isEqualTo("application/zip");
    assertThat(get("/api/recordings/tickets/999/export?reason=dispute", ANNA, null).statusCode()).isEqualTo(404);

    long exported = ok(storage.pool().query("SELECT count(*) FROM journal WHERE type = 'recordings.exported'").execute())
        .iterator().next().getLong(0);
    assertThat(exported).isGreaterThanOrEqualTo(2);
  }

  @Test
  void ticketsTheCrmLinksDuringAndAfterTheCallListTheRecording(Vertx vertx) throws Exception {
    assertThat(call(HttpMethod.GET, "/api/recordings?ticket=55", ANNA, null).bodyAsJsonArray()).hasSize(1);
    vertx.eventBus().publish(RecordingsModule.TICKET_LINK_ADDRESS, new JsonObject().put("ticketId", 56)
        .put("kind", "call").put("ref", "call-h1").put("actor", "op1001"));
    Promise<Void> linked = Promise.promise();
    vertx.setPeriodic(20, t -> storage.pool().query("SELECT 1 FROM rec_recording_ticket WHERE ticket_id = 56").execute()
        .onSuccess(rows -> {
          if (rows.size() > 0) {
            vertx.cancelTimer(t);
            linked.tryComplete();
          }
        }));
    linked.future().await(10, TimeUnit.SECONDS);
    assertThat(call(HttpMethod.GET, "/api/recordings?ticket=56", ANNA, null).bodyAsJsonArray()).hasSize(1);
  }

  @Test
  void retentionAndHoldAreForAdmins() throws Exception {
    assertThat(call(HttpMethod.POST, "/api/recordings/retention/run", ANNA, new JsonObject().put("reason", "cleanup"))
        .statusCode()).isEqualTo(403);
    JsonObject report = call(HttpMethod.POST, "/api/recordings/retention/run", ADMIN,
        new JsonObject().put("reason", "quarterly review")).bodyAsJsonObject();
    assertThat(report.getInteger("purged")).isZero();
    assertThat(call(HttpMethod.POST, "/api/recordings/" + recordingId + "/hold", ADMIN,
        new JsonObject().put("hold", true).put("reason", "court order")).statusCode()).isEqualTo(204);
    assertThat(call(HttpMethod.GET, "/api/recordings/" + recordingId, ANNA, null).bodyAsJsonObject()
        .getBoolean("legalHold")).isTrue();
  }
}
