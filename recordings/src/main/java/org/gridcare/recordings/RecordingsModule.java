package org.gridcare.recordings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.config.RecordingsConfig;
import org.gridcare.pbx.Pbx;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.recordings.app.MonitorSweep;
import org.gridcare.recordings.app.RecordingLifecycle;
import org.gridcare.recordings.app.RecordingService;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.ListenReason;
import org.gridcare.recordings.domain.RecordingRules;
import org.gridcare.recordings.domain.Retention;
import org.gridcare.recordings.fs.FileMonitorFiles;
import org.gridcare.recordings.fs.FilePendingRecordings;
import org.gridcare.recordings.fs.FileSystemRecordingStore;
import org.gridcare.recordings.http.HttpRecordingsRoutes;
import org.gridcare.recordings.pg.PgRecordings;
import org.gridcare.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires recordings: the rules from {@code recordings.rules}, the lifecycle on PBX events, the file-system store
 * under {@code recordings.store-dir} / {@code archive-dir} (archived recordings restored for playback into
 * {@code archive-cache-dir}), the PostgreSQL catalogue, the retry of recordings that closed while the database was
 * away (every 30 s), the sweep of monitor files a crash left behind (at start and daily) and the daily retention run.
 */
public final class RecordingsModule {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingsModule.class);
  static final Duration RETRY_EVERY = Duration.ofSeconds(30);
  static final Duration RETENTION_EVERY = Duration.ofHours(24);
  /** The CRM's announcement of ticket links (CrmModule.LINK_ADDRESS; recordings does not depend on crm-bridge). */
  public static final String TICKET_LINK_ADDRESS = "crm.ticket.linked";
  /** The CRM's announcement that a caller was recognised (CrmModule.IDENTIFIED_ADDRESS). */
  public static final String IDENTIFIED_ADDRESS = "crm.call.identified";

  private final Vertx vertx;
  private final RecordingsConfig config;
  private final PgRecordings catalog;
  private final RecordingLifecycle lifecycle;
  private final RecordingService service;
  private final MonitorSweep sweep;
  private final HttpRecordingsRoutes routes;
  private final AutoCloseable subscription;
  private final MessageConsumer<JsonObject> ticketLinks;
  private final MessageConsumer<JsonObject> identified;
  private final long retryTimer;
  private final long retentionTimer;

  private RecordingsModule(Vertx vertx, ContactCentreConfig cc, Storage storage, Pbx pbx, Path exports) {
    this.vertx = vertx;
    this.config = cc.recordings();
    Clock clock = Clock.systemUTC();
    PhoneNumbers phones = new PhoneNumbers(cc.locale().phoneRegion());
    catalog = new PgRecordings(storage.pool(), storage.audit());
    FileSystemRecordingStore store = store(vertx, config);
    Map<String, String> operatorByEndpoint = new HashMap<>();
    for (OperatorConfig o : cc.operators()) {
      operatorByEndpoint.put(o.endpoint(), o.id());
    }
    Path monitor = Path.of(config.monitorDir()).toAbsolutePath();
    lifecycle = new RecordingLifecycle(pbx, rules(config), catalog, store,
        new FilePendingRecordings(vertx, monitor.resolve(".pending")), storage.journal(),
        monitor, operatorByEndpoint, phones, clock);
    sweep = new MonitorSweep(new FileMonitorFiles(vertx, monitor), store, catalog, lifecycle, storage.journal());
    service = service(catalog, store, config, exports, clock);
    routes = new HttpRecordingsRoutes(vertx, service, lifecycle, phones);
    subscription = pbx.subscribe(lifecycle::on);
    ticketLinks = vertx.eventBus().consumer(TICKET_LINK_ADDRESS, msg -> onTicketLinked(msg.body()));
    identified = vertx.eventBus().consumer(IDENTIFIED_ADDRESS, msg -> lifecycle.classify(msg.body().getString("callId"),
        null, null, String.valueOf(msg.body().getLong("customerId"))));
    retryTimer = vertx.setPeriodic(RETRY_EVERY.toMillis(), id -> lifecycle.retryPending()
        .onSuccess(left -> {
          if (left > 0) {
            LOG.warn("{} recordings still wait for the database", left);
          }
        }));
    retentionTimer = vertx.setPeriodic(RETENTION_EVERY.toMillis(), id -> sweepMonitor()
        .compose(v -> service.applyRetention("retention", "scheduled retention", 10_000))
        .onSuccess(r -> LOG.info("Retention: {} archived, {} purged, {} failed", r.archived(), r.purged(), r.failed()))
        .onFailure(e -> LOG.warn("Retention run failed: {}", e.toString())));
  }

  /** Call from a Vert.x context: PBX events are delivered on the context that subscribed. */
  public static Future<RecordingsModule> start(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx) {
    return directories(vertx, config).map(dir -> new RecordingsModule(vertx, config, storage, pbx, dir))
        // Recordings that closed while the database was away in a previous run are catalogued now, then the files a
        // crash left in the monitor directory.
        .compose(m -> m.lifecycle.retryPending().compose(left -> m.sweepMonitor()).map(m));
  }

  /**
   * The module's {@link RecordingService} built as {@link #start} builds it (same catalogue, store, retention and
   * directories) without the module itself (no PBX, no timers), for one-shot commands ({@code retention run}).
   */
  public static Future<RecordingService> service(Vertx vertx, ContactCentreConfig config, Storage storage) {
    return directories(vertx, config).map(exports -> service(new PgRecordings(storage.pool(), storage.audit()),
        store(vertx, config.recordings()), config.recordings(), exports, Clock.systemUTC()));
  }

  private static RecordingService service(PgRecordings catalog, FileSystemRecordingStore store, RecordingsConfig config,
      Path exports, Clock clock) {
    return new RecordingService(catalog, store, new Retention(config.archiveAfter(), config.retention(),
        config.retentionByTopic()), exports, clock, ListenReason.of(config.listenReason()));
  }

  private static FileSystemRecordingStore store(Vertx vertx, RecordingsConfig config) {
    return new FileSystemRecordingStore(vertx, Path.of(config.storeDir()), Path.of(config.archiveDir()),
        Path.of(config.archiveCacheDir()), config.archiveCacheMb() * 1024L * 1024L);
  }

  /** Creates the recording directories and {@code <data-dir>/exports} (returned) on a worker thread. */
  private static Future<Path> directories(Vertx vertx, ContactCentreConfig config) {
    Path exports = Path.of(config.storage().dataDir(), "exports");
    RecordingsConfig r = config.recordings();
    return vertx.executeBlocking(() -> {
      for (String d : List.of(r.monitorDir(), r.storeDir(), r.archiveDir(), r.archiveCacheDir())) {
        Files.createDirectories(Path.of(d));
      }
      Files.createDirectories(exports);
      return exports;
    }, false);
  }

  /** Files leftover monitor files; a failed sweep is logged and retried by the next one (the files stay put). */
  private Future<Void> sweepMonitor() {
    return sweep.sweep()
        .onSuccess(r -> {
          if (r.recovered() + r.quarantined() + r.failed() > 0) {
            LOG.warn("Monitor sweep: {} recordings recovered, {} files quarantined, {} left for the next sweep",
                r.recovered(), r.quarantined(), r.failed());
          }
        })
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("Monitor sweep failed: {}", e.toString());
          return Future.succeededFuture();
        });
  }

  /** Runs the monitor sweep now (the module runs it at start and daily). */
  public Future<MonitorSweep.Report> sweepNow() {
    return sweep.sweep();
  }

  /** The CRM links a call (or a recording) to a ticket: its recording is linked too, now or when it is catalogued. */
  private void onTicketLinked(JsonObject link) {
    long ticket = link.getLong("ticketId");
    String ref = link.getString("ref");
    String actor = link.getString("actor", "crm");
    Future<?> done = "call".equals(link.getString("kind"))
        ? lifecycle.ticketLinked(ref, ticket, actor)
        : catalog.linkTicket(ref, ticket, actor, java.time.Instant.now());
    done.onFailure(e -> LOG.warn("Could not link {} {} to ticket {}: {}", link.getString("kind"), ref, ticket,
        e.getMessage()));
  }

  static RecordingRules rules(RecordingsConfig config) {
    List<RecordingRules.Rule> rules = new ArrayList<>();
    for (RecordingsConfig.Rule r : config.rules()) {
      rules.add(new RecordingRules.Rule(r.line(), r.direction() == null ? null : Direction.of(r.direction()), r.topic(),
          r.record()));
    }
    return new RecordingRules(rules);
  }

  public String openApiFragment() {
    return "openapi/recordings.yaml";
  }

  public Consumer<RouterBuilder> routes() {
    return routes;
  }

  /** For the ACD / IVR: line, topic and customer of a call, used by the rules and stored with the recording. */
  public RecordingLifecycle lifecycle() {
    return lifecycle;
  }

  /** Search, playback, export, hold, retention and purge (privacy's erasure and retention use it too). */
  public RecordingService service() {
    return service;
  }

  /** Whether the IVR must announce recording before a call is recorded ({@code recordings.consent-announcement}). */
  public boolean consentAnnouncement() {
    return config.consentAnnouncement();
  }

  /** For the CRM: when a call is linked to a ticket, its recording is linked too (false: the call has none). */
  public Future<Boolean> linkCallToTicket(String callId, long ticket, String actor) {
    return catalog.linkTicketByCall(callId, ticket, actor, java.time.Instant.now());
  }

  public Future<Void> close() {
    vertx.cancelTimer(retryTimer);
    vertx.cancelTimer(retentionTimer);
    ticketLinks.unregister();
    identified.unregister();
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.warn("Unsubscribing recordings from PBX events failed: {}", e.toString());
    }
    return lifecycle.retryPending().mapEmpty();
  }
}
