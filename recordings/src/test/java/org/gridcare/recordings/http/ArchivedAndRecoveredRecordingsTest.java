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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;
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
import org.gridcare.recordings.app.MonitorSweep;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.RecordingDomainTest;
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
 * Archived recordings stay playable (Range) and exportable; MixMonitor files a crash left behind are catalogued at
 * the next start (or quarantined when they belong to no call), never deleted.
 */
@RealServers
class ArchivedAndRecoveredRecordingsTest {
  static final String ANNA = "op1001;agent;1";
  static final String ADMIN = "root;admin;";
  static Storage storage;
  @TempDir Path dir;
  FakePbx pbx;
  RecordingsModule module;
  HttpServer server;
  WebClient client;

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
    stopRunning();
  }

  void stopRunning() throws Exception {
    if (client != null) {
      client.close();
      ok(server.close());
      ok(module.close());
      client = null;
    }
  }

  /** Starts (or, after {@link #stopRunning}, restarts) the module over the same directories and database. */
  void startModule(Vertx vertx) throws Exception {
    ContactCentreConfig config = new ContactCentreConfig(null, new StorageConfig(null, null, null, null, dir.toString()),
        null, null, null, List.of(), List.of(), List.of(
            new OperatorConfig("op1001", "Anna", "PJSIP/op1001", List.of(1), null)), null, null,
        new RecordingsConfig(dir.resolve("monitor").toString(), dir.resolve("store").toString(),
            dir.resolve("archive").toString(), true, null, null, null, null, dir.resolve("cache").toString(), 1),
        null, null, null);
    pbx = new FakePbx();
    Context context = vertx.getOrCreateContext();
    Promise<RecordingsModule> started = Promise.promise();
    context.runOnContext(v -> RecordingsModule.start(vertx, config, storage, pbx).onComplete(started));
    module = ok(started.future());
    server = ok(TestApi.start(vertx, module.openApiFragment(), module.routes()));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, String user, String range, JsonObject body) throws Exception {
    var req = client.request(method, uri).putHeader("X-Test-User", user);
    if (range != null) {
      req.putHeader("Range", range);
    }
    return ok(body == null ? req.send() : req.sendJsonObject(body));
  }

  static byte[] audio(int dataBytes, int declared, int seed) {
    byte[] bytes = new byte[44 + dataBytes];
    System.arraycopy(RecordingDomainTest.wavHeader(declared), 0, bytes, 0, 44);
    for (int i = 44; i < bytes.length; i++) {
      bytes[i] = (byte) ((i * seed) % 251);
    }
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void anArchivedRecordingIsRestoredOnFirstListenAndSeeksExportsAndZipsWithExactBytes(Vertx vertx) throws Exception {
    startModule(vertx);
    // A recording from 100 days ago, past archive-after (90 days).
    String id = UUID.randomUUID().toString();
    Instant started = Instant.now().minus(Duration.ofDays(100)).truncatedTo(ChronoUnit.SECONDS);
    byte[] wav = audio(700_000, 700_000, 7);
    String key = "old/" + id + ".wav";
    Files.createDirectories(dir.resolve("store/old"));
    Files.write(dir.resolve("store").resolve(key), wav);
    ok(new PgRecordings(storage.pool(), storage.audit()).save(new Recording(id, "call-arch-" + id, started,
        started.plusSeconds(44), Direction.INBOUND, 1, null, "op1001", "+4791234567", null, key, "wav", wav.length, 43_750,
        sha256(wav), Recording.Status.STORED, false, List.of(81L))));

    JsonObject run = send(HttpMethod.POST, "/api/recordings/retention/run", ADMIN, null,
        new JsonObject().put("reason", "quarterly archive")).bodyAsJsonObject();
    assertThat(run.getInteger("archived")).isEqualTo(1);
    assertThat(dir.resolve("store").resolve(key)).doesNotExist();
    assertThat(dir.resolve("archive").resolve(key + ".gz")).exists();
    assertThat(send(HttpMethod.GET, "/api/recordings/" + id, ANNA, null, null).bodyAsJsonObject().getString("status"))
        .isEqualTo("archived");

    HttpResponse<Buffer> part = send(HttpMethod.GET, "/api/recordings/" + id + "/audio", ANNA, "bytes=500000-500099", null);
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.getHeader("Content-Range")).isEqualTo("bytes 500000-500099/" + wav.length);
    assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(wav, 500_000, 500_100));
    assertThat(dir.resolve("cache").resolve(key)).exists();
    HttpResponse<Buffer> tail = send(HttpMethod.GET, "/api/recordings/" + id + "/audio", ANNA, "bytes=-16", null);
    assertThat(tail.body().getBytes()).isEqualTo(Arrays.copyOfRange(wav, wav.length - 16, wav.length));
    assertThat(send(HttpMethod.GET, "/api/recordings/" + id + "/audio", ANNA, "bytes=" + wav.length + "-", null)
        .statusCode()).isEqualTo(416);

    // Exports are served from the archive too (the restored copy is dropped first: it is only a cache).
    Files.delete(dir.resolve("cache").resolve(key));
    HttpResponse<Buffer> export = send(HttpMethod.GET, "/api/recordings/" + id + "/export?reason=complaint%20C-3", ANNA,
        null, null);
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body().getBytes()).isEqualTo(wav);
    HttpResponse<Buffer> zip = send(HttpMethod.GET, "/api/recordings/tickets/81/export?reason=dispute", ANNA, null, null);
    assertThat(zip.statusCode()).isEqualTo(200);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body().getBytes()))) {
      assertThat(in.getNextEntry().getName()).endsWith(id + ".wav");
      assertThat(in.readAllBytes()).isEqualTo(wav);
    }

    JsonArray audit = send(HttpMethod.GET, "/api/recordings/" + id + "/audit", ADMIN, null, null).bodyAsJsonArray();
    assertThat(audit.stream().map(o -> ((JsonObject) o).getString("action") + ":" + ((JsonObject) o).getString("actor")))
        .containsExactly("archived:root", "listened:op1001", "listened:op1001", "exported:op1001", "exported:op1001");
    assertThat(ok(storage.audit().verify()).intact()).isTrue();
  }

  @Test
  void theRestoreCacheKeepsToItsLimitByDroppingTheLeastRecentlyPlayed(Vertx vertx) throws Exception {
    startModule(vertx); // archive-cache-mb: 1
    PgRecordings catalog = new PgRecordings(storage.pool(), storage.audit());
    Instant started = Instant.now().minus(Duration.ofDays(95));
    String[] ids = new String[3];
    byte[][] wavs = new byte[3][];
    Files.createDirectories(dir.resolve("store/lru"));
    for (int i = 0; i < 3; i++) {
      ids[i] = UUID.randomUUID().toString();
      wavs[i] = audio(400_000, 400_000, 3 + i);
      Files.write(dir.resolve("store/lru").resolve(ids[i] + ".wav"), wavs[i]);
      ok(catalog.save(new Recording(ids[i], "call-lru-" + ids[i], started.plusSeconds(i), null, Direction.INBOUND, 1,
          null, "op1001", null, null, "lru/" + ids[i] + ".wav", "wav", wavs[i].length, 0, sha256(wavs[i]),
          Recording.Status.STORED, false, List.of())));
    }
    send(HttpMethod.POST, "/api/recordings/retention/run", ADMIN, null, new JsonObject().put("reason", "archive"));
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> whole = send(HttpMethod.GET, "/api/recordings/" + ids[i] + "/audio", ANNA, null, null);
      assertThat(whole.body().getBytes()).isEqualTo(wavs[i]);
    }
    // 3 × 400 kB restored into a 1 MiB cache: the first one played was dropped; it is restored again when asked for.
    assertThat(dir.resolve("cache/lru").resolve(ids[0] + ".wav")).doesNotExist();
    assertThat(dir.resolve("cache/lru").resolve(ids[2] + ".wav")).exists();
    assertThat(send(HttpMethod.GET, "/api/recordings/" + ids[0] + "/audio", ANNA, "bytes=44-53", null).body().getBytes())
        .isEqualTo(Arrays.copyOfRange(wavs[0], 44, 54));
    assertThat(dir.resolve("archive/lru").resolve(ids[0] + ".wav.gz")).exists();
  }

  @Test
  void aMonitorFileLeftByACrashMidCallIsCataloguedAtTheNextStartAndPlays(Vertx vertx) throws Exception {
    startModule(vertx);
    Path monitor = dir.resolve("monitor");
    // A call is answered and recorded; then the process dies before hang-up (the module goes, the file stays).
    Instant t0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
    CallId call = new CallId("call-crash");
    ChannelId caller = new ChannelId("crash-c");
    ChannelId op = new ChannelId("crash-o");
    ok(pbx.emit(new PbxEvent.CallArrived(t0, call, caller, "+4791234567", "800")));
    ok(module.lifecycle().classify("call-crash", 1, "outage", "1042"));
    ok(pbx.emit(new PbxEvent.ChannelCreated(t0, new Channel(op, call, "PJSIP/op1001", ChannelState.RINGING, null, null,
        null, null, t0))));
    ok(pbx.emit(new PbxEvent.ChannelsBridged(t0.plusSeconds(3), call, op, "b", List.of(caller, op))));
    awaitJournal("recordings.started", "call-crash");
    // Asterisk writes the sizes into the WAVE header when it closes the file: after a crash they still say 0.
    byte[] written = audio(48_000, 0, 11);
    Files.write(monitor.resolve("call-crash.wav"), written);
    // A file no call ever started (e.g. copied in by hand) and one still being written to.
    Files.write(monitor.resolve("stray.wav"), audio(800, 800, 5));
    Files.write(monitor.resolve("call-busy.wav"), audio(800, 800, 5));
    for (String f : List.of("call-crash.wav", "stray.wav")) {
      Files.setLastModifiedTime(monitor.resolve(f), FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
    }
    stopRunning();

    startModule(vertx); // the restart sweeps the monitor directory
    Row row = ok(storage.pool().preparedQuery("SELECT id, status, size_bytes, duration_ms, sha256, operator_id, line, "
        + "topic, customer_phone, customer_id, started_at, direction FROM rec_recording WHERE call_id = $1")
        .execute(Tuple.of("call-crash"))).iterator().next();
    byte[] repaired = written.clone();
    ByteBuffer.wrap(repaired).order(ByteOrder.LITTLE_ENDIAN).putInt(4, written.length - 8).putInt(40, 48_000);
    assertThat(row.getString("status")).isEqualTo("recovered");
    assertThat(row.getLong("size_bytes")).isEqualTo(written.length);
    assertThat(row.getLong("duration_ms")).isEqualTo(3000);
    assertThat(row.getString("sha256")).isEqualTo(sha256(repaired));
    assertThat(row.getString("operator_id")).isEqualTo("op1001");
    assertThat(row.getInteger("line")).isEqualTo(1);
    assertThat(row.getString("topic")).isEqualTo("outage");
    assertThat(row.getString("customer_phone")).isEqualTo("+4791234567");
    assertThat(row.getString("customer_id")).isEqualTo("1042");
    assertThat(row.getString("direction")).isEqualTo("inbound");
    assertThat(row.getOffsetDateTime("started_at").toInstant()).isEqualTo(t0.plusSeconds(3));
    assertThat(monitor.resolve("call-crash.wav")).doesNotExist();

    String id = row.getUUID("id").toString();
    HttpResponse<Buffer> whole = send(HttpMethod.GET, "/api/recordings/" + id + "/audio", ANNA, null, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body().getBytes()).isEqualTo(repaired);
    HttpResponse<Buffer> part = send(HttpMethod.GET, "/api/recordings/" + id + "/audio", ANNA, "bytes=1000-1999", null);
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(repaired, 1000, 2000));

    // The stray file is kept in quarantine and reported; the busy one is left alone.
    assertThat(monitor.resolve("stray.wav")).doesNotExist();
    assertThat(monitor.resolve(".quarantine/stray.wav")).exists();
    assertThat(monitor.resolve("call-busy.wav")).exists();
    JsonObject quarantined = ok(storage.pool().query("SELECT data FROM journal WHERE type = 'recordings.quarantined'")
        .execute()).iterator().next().getJsonObject("data");
    assertThat(quarantined.getString("file")).isEqualTo("stray.wav");
    assertThat(quarantined.getString("reason")).contains("no recording of call stray");
    long recovered = ok(storage.pool().query("SELECT count(*) FROM journal WHERE type = 'recordings.recovered' "
        + "AND call_id = 'call-crash'").execute()).iterator().next().getLong(0);
    assertThat(recovered).isEqualTo(1);
  }

  @Test
  void aFileThatAppearsAfterItsCallWasFiledAsMissingIsFiledOnItsRecording(Vertx vertx) throws Exception {
    startModule(vertx);
    Instant t0 = Instant.now();
    CallId call = new CallId("call-late");
    ChannelId caller = new ChannelId("late-c");
    ChannelId op = new ChannelId("late-o");
    ok(pbx.emit(new PbxEvent.CallArrived(t0, call, caller, "+4791234567", "800")));
    ok(pbx.emit(new PbxEvent.ChannelCreated(t0, new Channel(op, call, "PJSIP/op1001", ChannelState.RINGING, null, null,
        null, null, t0))));
    ok(pbx.emit(new PbxEvent.ChannelsBridged(t0, call, op, "b", List.of(caller, op))));
    ok(pbx.emit(new PbxEvent.ChannelHungUp(t0.plusSeconds(9), call, caller, HangupCause.NORMAL_CLEARING)));
    String id = awaitStatus("call-late", "missing");

    byte[] wav = audio(16_000, 16_000, 13);
    Path late = dir.resolve("monitor/call-late.wav");
    Files.write(late, wav);
    Files.setLastModifiedTime(late, FileTime.from(Instant.now().minus(MonitorSweep.QUIET).minusSeconds(5)));
    assertThat(ok(module.sweepNow())).isEqualTo(new MonitorSweep.Report(1, 0, 0));
    assertThat(awaitStatus("call-late", "recovered")).isEqualTo(id);
    HttpResponse<Buffer> whole = send(HttpMethod.GET, "/api/recordings/" + id + "/audio", ANNA, null, null);
    assertThat(whole.body().getBytes()).isEqualTo(wav);
    assertThat(ok(module.sweepNow())).isEqualTo(new MonitorSweep.Report(0, 0, 0));
  }

  /** Polls (PostgreSQL sleeps between looks) until the journal has the entry: PBX events are applied asynchronously. */
  static void awaitJournal(String type, String call) throws Exception {
    for (int i = 0; i < 200; i++) {
      long n = ok(storage.pool().preparedQuery("SELECT count(*) FROM journal WHERE type = $1 AND call_id = $2")
          .execute(Tuple.of(type, call))).iterator().next().getLong(0);
      if (n > 0) {
        return;
      }
      ok(storage.pool().query("SELECT pg_sleep(0.02)").execute());
    }
    throw new AssertionError("no " + type + " for " + call);
  }

  static String awaitStatus(String call, String status) throws Exception {
    for (int i = 0; i < 300; i++) {
      var rows = ok(storage.pool().preparedQuery("SELECT id FROM rec_recording WHERE call_id = $1 AND status = $2")
          .execute(Tuple.of(call, status)));
      if (rows.size() > 0) {
        return rows.iterator().next().getUUID(0).toString();
      }
      ok(storage.pool().query("SELECT pg_sleep(0.02)").execute());
    }
    throw new AssertionError("recording of " + call + " never became " + status);
  }
}
