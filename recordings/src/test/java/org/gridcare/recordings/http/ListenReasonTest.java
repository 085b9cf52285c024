package org.gridcare.recordings.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.recordings.Await.ok;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.config.RecordingsConfig;
import org.gridcare.config.StorageConfig;
import org.gridcare.recordings.RecordingsModule;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.pg.PgRecordings;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.FakePbx;
import org.gridcare.testsupport.RealServers;
import org.gridcare.testsupport.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recordings.listen-reason}: playback of a line-1 call answered by op1001 asks for a reason as configured,
 * and the reason given lands in the listen's audit entry.
 */
@RealServers
class ListenReasonTest {
  static final String ANNA = "op1001;agent;1";
  static final String SUP1 = "sup1;supervisor;1";
  static final String ADMIN = "root;admin;";
  static final String ADMIN_LINE_2 = "boss;admin;2";
  static Storage storage;
  @TempDir Path dir;
  RecordingsModule module;
  HttpServer server;
  WebClient client;
  byte[] wav;
  String id;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    storage.close().await(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopModule() throws Exception {
    client.close();
    ok(server.close());
    ok(module.close());
  }

  /** Starts the module with the given {@code listen-reason} and stores one recording of op1001 on line 1. */
  void startModule(Vertx vertx, String listenReason) throws Exception {
    ContactCentreConfig config = new ContactCentreConfig(null, new StorageConfig(null, null, null, null, dir.toString()),
        null, null, null, List.of(), List.of(), List.of(
            new OperatorConfig("op1001", "Anna", "PJSIP/op1001", List.of(1), null)), null, null,
        new RecordingsConfig(dir.resolve("monitor").toString(), dir.resolve("store").toString(),
            dir.resolve("archive").toString(), true, null, null, null, null, dir.resolve("cache").toString(), null,
            listenReason),
        null, null, null);
    Promise<RecordingsModule> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> RecordingsModule.start(vertx, config, storage, new FakePbx())
        .onComplete(started));
    module = ok(started.future());
    server = ok(TestApi.start(vertx, module.openApiFragment(), module.routes()));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));

    id = UUID.randomUUID().toString();
    wav = ArchivedAndRecoveredRecordingsTest.audio(8000, 8000, 3);
    String key = "listen/" + id + ".wav";
    Files.createDirectories(dir.resolve("store/listen"));
    Files.write(dir.resolve("store").resolve(key), wav);
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ok(new PgRecordings(storage.pool(), storage.audit()).save(new Recording(id, "call-listen-" + id, t, t.plusSeconds(1),
        Direction.INBOUND, 1, null, "op1001", "+4791234567", null, key, "wav", wav.length, 500,
        ArchivedAndRecoveredRecordingsTest.sha256(wav), Recording.Status.STORED, false, List.of())));
  }

  HttpResponse<Buffer> listen(String user, String reason, String range) throws Exception {
    var req = client.request(HttpMethod.GET, "/api/recordings/" + id + "/audio").putHeader("X-Test-User", user);
    if (reason != null) {
      req.addQueryParam("reason", reason);
    }
    if (range != null) {
      req.putHeader("Range", range);
    }
    return ok(req.send());
  }

  /** The reasons of this recording's {@code recording.listened} audit entries, oldest first, as actor:reason. */
  List<String> listens() throws Exception {
    var rows = ok(storage.pool().preparedQuery("SELECT actor, reason FROM audit WHERE action = 'recording.listened' "
        + "AND subject_id = $1 ORDER BY id").execute(Tuple.of(id)));
    return StreamSupport.stream(rows.spliterator(), false)
        .map(r -> r.getString("actor") + ":" + r.getString("reason")).toList();
  }

  @Test
  void byDefaultOwnLinesListenFreelyAndOtherLinesMustSayWhy(Vertx vertx) throws Exception {
    startModule(vertx, null);
    HttpResponse<Buffer> own = listen(ANNA, null, null);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body().getBytes()).isEqualTo(wav);
    assertThat(listen(SUP1, null, "bytes=0-99").statusCode()).isEqualTo(206);

    for (String outsider : List.of(ADMIN, ADMIN_LINE_2)) {
      HttpResponse<Buffer> refused = listen(outsider, null, null);
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("reason-required");
    }
    assertThat(listen(ADMIN, "why", null).statusCode()).as("shorter than 5 characters").isEqualTo(400);
    HttpResponse<Buffer> part = listen(ADMIN, "complaint C-17 about the operator", "bytes=44-143");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(wav, 44, 144));
    assertThat(listen(ADMIN_LINE_2, "quality check of line 1", null).statusCode()).isEqualTo(200);

    // Refused listens are not audited; the others are, with the reason when one was given.
    assertThat(listens()).containsExactly("op1001:null", "sup1:null", "root:complaint C-17 about the operator",
        "boss:quality check of line 1");
  }

  @Test
  void alwaysAsksEveryoneEvenForTheirOwnCall(Vertx vertx) throws Exception {
    startModule(vertx, "always");
    HttpResponse<Buffer> refused = listen(ANNA, null, null);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("reason-required");
    assertThat(listen(SUP1, null, null).statusCode()).isEqualTo(400);
    assertThat(listen(ANNA, "checking the meter number I noted", "bytes=0-9").statusCode()).isEqualTo(206);
    assertThat(listens()).containsExactly("op1001:checking the meter number I noted");
  }

  @Test
  void neverAsksNobodyButAReasonGivenIsStillAudited(Vertx vertx) throws Exception {
    startModule(vertx, "never");
    assertThat(listen(ADMIN, null, null).statusCode()).isEqualTo(200);
    assertThat(listen(ADMIN_LINE_2, "escalation E-4", null).statusCode()).isEqualTo(200);
    assertThat(listen(ANNA, null, null).statusCode()).isEqualTo(200);
    // Whoever may not hear the call still may not, reason or not.
    assertThat(listen("op1002;agent;1", "just curious", null).statusCode()).isEqualTo(403);
    assertThat(listens()).containsExactly("root:null", "boss:escalation E-4", "op1001:null");
  }
}
