package org.gridcare.recordings.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.recordings.Await.fails;
import static org.gridcare.recordings.Await.ok;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.recordings.domain.AuditEntry;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.ListenReason;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.RecordingDomainTest;
import org.gridcare.recordings.domain.RecordingQuery;
import org.gridcare.recordings.domain.RecordingRules;
import org.gridcare.recordings.domain.Retention;
import org.gridcare.recordings.domain.Viewer;
import org.gridcare.recordings.fs.FilePendingRecordings;
import org.gridcare.recordings.fs.FileSystemRecordingStore;
import org.gridcare.recordings.pg.PgRecordings;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.gridcare.testsupport.FakePbx;

@RealServers
class RecordingLifecycleTest {
  static final Viewer ANNA = new Viewer("op1001", Set.of("agent"), List.of(1));
  static final Viewer ADMIN = new Viewer("root", Set.of("admin"), List.of());
  static Storage storage;
  static PgRecordings catalog;

  @TempDir Path dir;
  FakePbx pbx;
  FileSystemRecordingStore store;
  FilePendingRecordings spool;
  Path monitor;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    catalog = new PgRecordings(storage.pool(), storage.audit());
  }

  @AfterAll
  static void stop() throws Exception {
    storage.close().await(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    pbx = new FakePbx();
    monitor = Files.createDirectories(dir.resolve("monitor"));
    store = new FileSystemRecordingStore(vertx, dir.resolve("store"), dir.resolve("archive"), dir.resolve("cache"),
        1024 * 1024);
    spool = new FilePendingRecordings(vertx, monitor.resolve(".pending"));
  }

  RecordingLifecycle lifecycle(RecordingCatalog cat, RecordingRules rules) {
    return new RecordingLifecycle(pbx, rules, cat, store, spool, storage.journal(), monitor,
        Map.of("PJSIP/op1001", "op1001"), new PhoneNumbers("NO"), Clock.systemUTC());
  }

  /** Caller arrives, an operator's leg is created and bridged to them. */
  static Future<Void> answer(RecordingLifecycle l, String call, Instant t0) {
    CallId id = new CallId(call);
    ChannelId caller = new ChannelId(call + "-caller");
    ChannelId op = new ChannelId(call + "-op");
    return l.on(new PbxEvent.ChannelCreated(t0, new Channel(caller, id, "PJSIP/trunk", ChannelState.RINGING,
            "91234567", null, null, null, t0)))
        .compose(v -> l.on(new PbxEvent.CallArrived(t0, id, caller, "91234567", "800")))
        .compose(v -> l.on(new PbxEvent.ChannelCreated(t0.plusSeconds(20), new Channel(op, id, "PJSIP/op1001",
            ChannelState.RINGING, null, null, null, null, t0.plusSeconds(20)))))
        .compose(v -> l.on(new PbxEvent.ChannelsBridged(t0.plusSeconds(25), id, op, "b-" + call, List.of(caller, op))));
  }

  static Future<Void> hangUp(RecordingLifecycle l, String call, Instant at) {
    return l.on(new PbxEvent.ChannelHungUp(at, new CallId(call), new ChannelId(call + "-op"), HangupCause.NORMAL_CLEARING))
        .compose(v -> l.on(new PbxEvent.ChannelHungUp(at, new CallId(call), new ChannelId(call + "-caller"),
            HangupCause.NORMAL_CLEARING)));
  }

  byte[] writeMonitorFile(String call, int audioBytes) throws Exception {
    byte[] bytes = new byte[44 + audioBytes];
    System.arraycopy(RecordingDomainTest.wavHeader(audioBytes), 0, bytes, 0, 44);
    for (int i = 44; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    Files.write(monitor.resolve(call + ".wav"), bytes);
    return bytes;
  }

  @Test
  void aConversationIsRecordedPausedStoredAndCatalogued() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of()));
    Instant t0 = Instant.parse("2026-11-20T09:00:00Z");
    ok(answer(l, "call-1", t0));
    assertThat(pbx.commands).contains("startRecording call-1-caller " + monitor.resolve("call-1.wav"));
    // A transfer bridges again: still one recording on the caller's channel.
    ok(l.on(new PbxEvent.ChannelsBridged(t0.plusSeconds(60), new CallId("call-1"), new ChannelId("x"), "b2",
        List.of(new ChannelId("call-1-caller"), new ChannelId("x")))));
    assertThat(pbx.commands.stream().filter(c -> c.startsWith("startRecording"))).hasSize(1);

    ok(l.pause("call-1", ANNA));
    assertThat(fails(l.pause("call-1", ANNA)).id()).isEqualTo("not-recording");
    assertThat(fails(l.pause("call-1", new Viewer("op1002", Set.of("agent"), List.of(1)))).id())
        .isEqualTo("recording-forbidden");
    ok(l.resume("call-1", ANNA));
    assertThat(pbx.commands).contains("muteRecording call-1-caller true", "muteRecording call-1-caller false");

    byte[] audio = writeMonitorFile("call-1", 32000);
    ok(hangUp(l, "call-1", t0.plusSeconds(120)));
    assertThat(pbx.commands).contains("stopRecording call-1-caller");
    assertThat(monitor.resolve("call-1.wav")).doesNotExist();

    Recording r = ok(catalog.search(new RecordingQuery(null, null, null, null, null, "+4791234567", null, null,
        Direction.INBOUND, 1000L, null, null, 10))).get(0);
    assertThat(r.callId()).isEqualTo("call-1");
    assertThat(r.status()).isEqualTo(Recording.Status.STORED);
    assertThat(r.operator()).isEqualTo("op1001");
    assertThat(r.durationMs()).isEqualTo(2000);
    assertThat(r.sizeBytes()).isEqualTo(audio.length);
    assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio)));
    assertThat(r.storeKey()).startsWith("2026/11/20/");
    assertThat(Files.readAllBytes(ok(store.locate(r.storeKey())))).isEqualTo(audio);
    List<AuditEntry.Action> trail = ok(catalog.auditTrail(r.id())).stream().map(AuditEntry::action).toList();
    assertThat(trail).containsExactly(AuditEntry.Action.PAUSED, AuditEntry.Action.RESUMED);

    // The CRM links the call to a ticket; the ticket then lists the recording.
    assertThat(ok(catalog.linkTicketByCall("call-1", 42, "op1001", Instant.now()))).isTrue();
    assertThat(ok(catalog.linkTicketByCall("no-such-call", 42, "op1001", Instant.now()))).isFalse();
    RecordingQuery byTicket = new RecordingQuery(null, null, null, null, null, null, null, 42L, null, null, null, null, 10);
    assertThat(ok(catalog.search(byTicket))).extracting(Recording::id).containsExactly(r.id());
    assertThat(ok(catalog.search(new RecordingQuery(null, null, null, null, null, null, null, null, null, 5000L, null,
        null, 10)))).extracting(Recording::id).doesNotContain(r.id());
  }

  @Test
  void aVoicemailIsRecordedWithoutAnOperatorAndAnOperatorJoiningLaterOwnsIt() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of()));
    Instant t0 = Instant.now();
    CallId id = new CallId("call-vm");
    ChannelId caller = new ChannelId("call-vm-caller");
    ok(l.on(new PbxEvent.CallArrived(t0, id, caller, "91234567", "800")));
    assertThat(fails(l.recordWithoutOperator("not-live")).id()).isEqualTo("no-such-call");
    ok(l.recordWithoutOperator("call-vm"));
    ok(l.recordWithoutOperator("call-vm"));
    assertThat(pbx.commands.stream().filter(c -> c.startsWith("startRecording call-vm-caller"))).hasSize(1);
    ok(l.on(new PbxEvent.ChannelCreated(t0, new Channel(new ChannelId("vm-op"), id, "PJSIP/op1001",
        ChannelState.RINGING, null, null, null, null, t0))));
    ok(l.on(new PbxEvent.ChannelsBridged(t0.plusSeconds(5), id, caller, "b", List.of(caller, new ChannelId("vm-op")))));
    writeMonitorFile("call-vm", 160);
    ok(l.on(new PbxEvent.ChannelHungUp(t0.plusSeconds(9), id, caller, HangupCause.NORMAL_CLEARING)));
    Row row = ok(storage.pool().preparedQuery("SELECT operator_id, status FROM rec_recording WHERE call_id = $1")
        .execute(Tuple.of("call-vm"))).iterator().next();
    assertThat(row.getString("operator_id")).isEqualTo("op1001");
    assertThat(row.getString("status")).isEqualTo("stored");
  }

  @Test
  void anAcdLegWithItsOwnCallIdJoinsTheCallersRecordingAndClickToCallIsRecordedAsOutbound() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of()));
    Instant t0 = Instant.now();
    CallId caller = new CallId("call-acd");
    CallId leg = new CallId("leg-acd");
    ChannelId callerCh = new ChannelId("acd-c");
    ChannelId opCh = new ChannelId("acd-o");
    ok(l.on(new PbxEvent.CallArrived(t0, caller, callerCh, "91234567", "800")));
    ok(l.on(new PbxEvent.ChannelCreated(t0, new Channel(opCh, leg, "PJSIP/op1001", ChannelState.RINGING, null, null,
        null, null, t0))));
    // Asterisk reports one BridgeEnter per channel, each with that channel's own call id.
    ok(l.on(new PbxEvent.ChannelsBridged(t0, caller, callerCh, "b", List.of(callerCh))));
    ok(l.on(new PbxEvent.ChannelsBridged(t0, leg, opCh, "b", List.of(callerCh, opCh))));
    ok(l.on(new PbxEvent.ChannelsBridged(t0, caller, callerCh, "b", List.of(callerCh, opCh))));
    assertThat(pbx.commands.stream().filter(c -> c.startsWith("startRecording"))).containsExactly(
        "startRecording acd-c " + monitor.resolve("call-acd.wav"));
    ok(l.on(new PbxEvent.ChannelHungUp(t0, leg, opCh, HangupCause.NORMAL_CLEARING)));
    assertThat(pbx.commands).noneMatch(c -> c.startsWith("stopRecording"));

    CallId out = new CallId("call-out");
    ChannelId outOp = new ChannelId("out-o");
    ChannelId trunk = new ChannelId("out-t");
    ok(l.on(new PbxEvent.ChannelCreated(t0, new Channel(outOp, out, "PJSIP/op1001", ChannelState.UP, null, null,
        "+4722334455", null, t0))));
    ok(l.on(new PbxEvent.ChannelCreated(t0, new Channel(trunk, out, "PJSIP/trunk", ChannelState.UP, null, null, null,
        null, t0))));
    ok(l.on(new PbxEvent.ChannelsBridged(t0, out, trunk, "b2", List.of(outOp, trunk))));
    writeMonitorFile("call-out", 320);
    ok(l.on(new PbxEvent.ChannelHungUp(t0.plusSeconds(20), out, outOp, HangupCause.NORMAL_CLEARING)));
    Row row = ok(storage.pool().preparedQuery("SELECT direction, operator_id, customer_phone FROM rec_recording "
        + "WHERE call_id = $1").execute(Tuple.of("call-out"))).iterator().next();
    assertThat(row.getString("direction")).isEqualTo("outbound");
    assertThat(row.getString("operator_id")).isEqualTo("op1001");
    assertThat(row.getString("customer_phone")).isEqualTo("+4722334455");
  }

  @Test
  void callsTheRulesExcludeAreNotRecorded() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of(
        new RecordingRules.Rule(null, Direction.INBOUND, null, false))));
    ok(answer(l, "call-r", Instant.now()));
    assertThat(pbx.commands).noneMatch(c -> c.startsWith("startRecording"));
    assertThat(fails(l.pause("call-r", ADMIN)).id()).isEqualTo("no-live-recording");
  }

  @Test
  void aLineThreeCallIsExcludedOnceTheAcdClassifiedIt() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of(new RecordingRules.Rule(3, null, null, false))));
    Instant t0 = Instant.now();
    CallId id = new CallId("call-l3");
    ChannelId caller = new ChannelId("call-l3-caller");
    ok(l.on(new PbxEvent.CallArrived(t0, id, caller, "91234567", "800")));
    ok(l.classify("call-l3", 3, "escalation", "17"));
    ok(l.on(new PbxEvent.ChannelCreated(t0, new Channel(new ChannelId("op"), id, "PJSIP/op1001", ChannelState.RINGING,
        null, null, null, null, t0))));
    ok(l.on(new PbxEvent.ChannelsBridged(t0, id, caller, "b", List.of(caller, new ChannelId("op")))));
    assertThat(pbx.commands).noneMatch(c -> c.startsWith("startRecording"));
  }

  @Test
  void aMissingFileIsCataloguedAsMissingNotCrashed() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of()));
    ok(answer(l, "call-m", Instant.now()));
    ok(hangUp(l, "call-m", Instant.now()));
    Row row = ok(storage.pool().preparedQuery("SELECT status, store_key FROM rec_recording WHERE call_id = $1")
        .execute(Tuple.of("call-m"))).iterator().next();
    assertThat(row.getString("status")).isEqualTo("missing");
    assertThat(row.getString("store_key")).isNull();
  }

  @Test
  void aTruncatedFileIsStoredAsDamagedWithThePlayableDuration() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of()));
    ok(answer(l, "call-t", Instant.now()));
    byte[] header = RecordingDomainTest.wavHeader(64000);
    byte[] partial = new byte[44 + 8000];
    System.arraycopy(header, 0, partial, 0, 44);
    Files.write(monitor.resolve("call-t.wav"), partial);
    ok(hangUp(l, "call-t", Instant.now()));
    Recording r = ok(catalog.search(new RecordingQuery(null, null, null, null, "op1001", null, null, null, null, null,
        null, null, 50))).stream().filter(x -> x.callId().equals("call-t")).findFirst().orElseThrow();
    assertThat(r.status()).isEqualTo(Recording.Status.DAMAGED);
    assertThat(r.durationMs()).isEqualTo(500);
    assertThat(r.playable()).isTrue();
  }

  @Test
  void whenTheDatabaseIsDownAtCloseTheRecordingWaitsAndIsCataloguedOnceItReturnsEvenAfterARestart() throws Exception {
    AtomicInteger failures = new AtomicInteger(2);
    RecordingCatalog down = new DelegatingCatalog(catalog) {
      @Override
      public Future<Void> save(Recording r) {
        return failures.getAndDecrement() > 0
            ? Future.failedFuture(DomainException.unavailable("recordings-unavailable", "PostgreSQL down", null))
            : super.save(r);
      }
    };
    RecordingLifecycle l = lifecycle(down, new RecordingRules(List.of()));
    ok(answer(l, "call-db", Instant.now()));
    writeMonitorFile("call-db", 1600);
    ok(hangUp(l, "call-db", Instant.now()));
    assertThat(ok(spool.all())).extracting(Recording::callId).containsExactly("call-db");
    assertThat(ok(l.retryPending())).isEqualTo(1);
    // A restart: a new lifecycle over the same spool catalogues what the previous process left.
    RecordingLifecycle afterRestart = lifecycle(catalog, new RecordingRules(List.of()));
    assertThat(ok(afterRestart.retryPending())).isZero();
    assertThat(ok(spool.all())).isEmpty();
    Row row = ok(storage.pool().preparedQuery("SELECT status, size_bytes FROM rec_recording WHERE call_id = $1")
        .execute(Tuple.of("call-db"))).iterator().next();
    assertThat(row.getString("status")).isEqualTo("stored");
    assertThat(row.getLong("size_bytes")).isEqualTo(1644);
    long journalled = ok(storage.pool().query("SELECT count(*) FROM journal WHERE type = 'recordings.stored' "
        + "AND call_id = 'call-db'").execute()).iterator().next().getLong(0);
    assertThat(journalled).isEqualTo(1);
  }

  @Test
  void aLeftoverMonitorFileSweptWhileTheDatabaseIsDownWaitsInTheSpoolAndIsCataloguedLater(Vertx vertx) throws Exception {
    ok(answer(lifecycle(catalog, new RecordingRules(List.of())), "call-sw", Instant.now().minusSeconds(600)));
    // The process died mid-call: the next one finds the file, but PostgreSQL is down at that moment.
    byte[] audio = writeMonitorFile("call-sw", 1600);
    Files.setLastModifiedTime(monitor.resolve("call-sw.wav"),
        java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
    AtomicInteger failures = new AtomicInteger(1);
    RecordingCatalog down = new DelegatingCatalog(catalog) {
      @Override
      public Future<Void> save(Recording r) {
        return failures.getAndDecrement() > 0
            ? Future.failedFuture(DomainException.unavailable("recordings-unavailable", "PostgreSQL down", null))
            : super.save(r);
      }
    };
    RecordingLifecycle restarted = lifecycle(down, new RecordingRules(List.of()));
    MonitorSweep sweep = new MonitorSweep(new org.gridcare.recordings.fs.FileMonitorFiles(vertx, monitor), store, down,
        restarted, storage.journal());
    assertThat(ok(sweep.sweep())).isEqualTo(new MonitorSweep.Report(1, 0, 0));
    assertThat(monitor.resolve("call-sw.wav")).doesNotExist();
    assertThat(ok(spool.all())).extracting(Recording::callId).containsExactly("call-sw");
    assertThat(ok(restarted.retryPending())).isZero();
    Row row = ok(storage.pool().preparedQuery("SELECT status, size_bytes, operator_id FROM rec_recording "
        + "WHERE call_id = $1").execute(Tuple.of("call-sw"))).iterator().next();
    assertThat(row.getString("status")).isEqualTo("recovered");
    assertThat(row.getLong("size_bytes")).isEqualTo(audio.length);
    assertThat(row.getString("operator_id")).isEqualTo("op1001");
  }

  @Test
  void exportsAndListensAreAuditedAndJournalledAndOthersAreRefused() throws Exception {
    RecordingLifecycle l = lifecycle(catalog, new RecordingRules(List.of()));
    ok(answer(l, "call-x", Instant.now()));
    writeMonitorFile("call-x", 800);
    ok(hangUp(l, "call-x", Instant.now()));
    Recording r = ok(catalog.search(new RecordingQuery(null, null, null, null, "op1001", null, null, null, null, null,
        null, null, 50))).stream().filter(x -> x.callId().equals("call-x")).findFirst().orElseThrow();
    RecordingService service = new RecordingService(catalog, store,
        new Retention(Duration.ofDays(90), Duration.ofDays(365)), dir.resolve("exports"), Clock.systemUTC(),
        ListenReason.OTHER_LINES);

    Path file = ok(service.export(ANNA, r.id(), "customer complaint C-7"));
    assertThat(Files.size(file)).isEqualTo(844);
    ok(service.listened(ANNA, r.id(), "bytes=0-99", null));
    assertThat(fails(service.export(new Viewer("op1002", Set.of("agent"), List.of(1)), r.id(), "curious")).id())
        .isEqualTo("recording-forbidden");
    assertThat(fails(service.export(ANNA, r.id(), " ")).id()).isEqualTo("reason-required");
    List<AuditEntry> trail = ok(catalog.auditTrail(r.id()));
    assertThat(trail).extracting(AuditEntry::action).containsExactly(AuditEntry.Action.EXPORTED, AuditEntry.Action.LISTENED);
    assertThat(trail.get(0).reason()).isEqualTo("customer complaint C-7");
    List<String> journal = new ArrayList<>();
    ok(storage.pool().query("SELECT type, operator_id FROM journal WHERE data->>'recording' = '" + r.id()
        + "' AND type LIKE 'recordings.%ed' ORDER BY id").execute())
        .forEach(row -> journal.add(row.getString("type") + ":" + row.getString("operator_id")));
    assertThat(journal).contains("recordings.exported:op1001", "recordings.listened:op1001");
    assertThat(ok(storage.audit().verify()).intact()).isTrue();

    ok(catalog.linkTicket(r.id(), 77, "op1001", Instant.now()));
    Path zip = ok(service.exportTicket(ANNA, 77, "ticket T000077 dispute"));
    try (var z = new java.util.zip.ZipFile(zip.toFile())) {
      assertThat(z.size()).isEqualTo(1);
    }
  }

  @Test
  void retentionArchivesAndPurgesOldRecordingsButNotHeldOnes() throws Exception {
    Instant now = Instant.now();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = java.util.UUID.randomUUID().toString();
      Path f = Files.createDirectories(dir.resolve("mon2")).resolve(id + ".wav");
      Files.write(f, RecordingDomainTest.wavHeader(0));
      RecordingStore.StoredFile stored = ok(store.put(f, "old/" + id + ".wav"));
      Instant started = i == 0 ? now.minus(Duration.ofDays(100)) : now.minus(Duration.ofDays(400));
      ok(catalog.save(new Recording(id, "old-" + id, started, started.plusSeconds(30), Direction.INBOUND, 1, null,
          "op1001",
          null, null, stored.key(), "wav", stored.sizeBytes(), 0, stored.sha256(), Recording.Status.STORED, false,
          List.of())));
      ids.add(id);
    }
    RecordingService service = new RecordingService(catalog, store,
        new Retention(Duration.ofDays(90), Duration.ofDays(365)), dir.resolve("exports"), Clock.systemUTC(),
        ListenReason.OTHER_LINES);
    ok(service.hold(ADMIN, ids.get(2), true, "court order 12/2026"));
    assertThat(fails(service.hold(ANNA, ids.get(2), false, "mine")).id()).isEqualTo("admin-only");

    RecordingService.RetentionReport report = ok(service.applyRetention("retention", "scheduled", 100));
    assertThat(report.archived()).isEqualTo(1);
    assertThat(report.purged()).isEqualTo(1);
    Recording archived = ok(catalog.byId(ids.get(0))).orElseThrow();
    assertThat(archived.status()).isEqualTo(Recording.Status.ARCHIVED);
    assertThat(ok(store.locate(archived.storeKey()))).exists();
    assertThat(ok(catalog.byId(ids.get(1))).orElseThrow().status()).isEqualTo(Recording.Status.PURGED);
    assertThat(ok(catalog.byId(ids.get(2))).orElseThrow().status()).isEqualTo(Recording.Status.STORED);
    assertThat(ok(catalog.auditTrail(ids.get(1)))).extracting(AuditEntry::action).containsExactly(AuditEntry.Action.PURGED);
    assertThat(ok(service.applyRetention("retention", "scheduled", 100))).isEqualTo(new RecordingService.RetentionReport(0, 0, 0));
  }

  @Test
  void storeKeysCannotLeaveTheStore() throws Exception {
    for (String key : List.of("../etc/passwd", "/etc/passwd", "a/../../b", "archive/../../x")) {
      assertThat(fails(store.locate(key)).id()).isEqualTo("invalid-path");
    }
    assertThat(fails(store.locate("2026/01/01/none.wav")).id()).isEqualTo("recording-file-missing");
  }

  /** Passes everything to the real catalogue; tests override what should fail. */
  static class DelegatingCatalog implements RecordingCatalog {
    final RecordingCatalog d;

    DelegatingCatalog(RecordingCatalog d) {
      this.d = d;
    }

    public Future<Void> save(Recording r) { return d.save(r); }
    public Future<Optional<Recording>> byId(String id) { return d.byId(id); }
    public Future<List<Recording>> search(RecordingQuery q) { return d.search(q); }
    public Future<Void> linkTicket(String id, long t, String a, Instant at) { return d.linkTicket(id, t, a, at); }
    public Future<Boolean> linkTicketByCall(String c, long t, String a, Instant at) { return d.linkTicketByCall(c, t, a, at); }
    public Future<Void> audit(AuditEntry e) { return d.audit(e); }
    public Future<Void> setHold(String id, boolean h, AuditEntry e) { return d.setHold(id, h, e); }
    public Future<List<Recording>> retentionCandidates(Instant a, Instant p, int l) { return d.retentionCandidates(a, p, l); }
    public Future<Void> archived(String id, String k) { return d.archived(id, k); }
    public Future<Void> purged(String id) { return d.purged(id); }
    public Future<List<AuditEntry>> auditTrail(String id) { return d.auditTrail(id); }
    public Future<Optional<Recording>> byCall(String c) { return d.byCall(c); }
    public Future<Optional<StartedRecording>> started(String c) { return d.started(c); }
  }
}
