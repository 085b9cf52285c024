package org.gridcare.server;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gridcare.config.ContactCentreConfig;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.gridcare.acd.AcdModule;
import org.gridcare.acd.app.AcdEvents;
import org.gridcare.acd.app.QueueRequest;
import org.gridcare.crm.CrmModule;
import org.gridcare.desktop.DesktopModule;
import org.gridcare.server.wiring.DesktopFeeds;
import org.gridcare.ivr.IvrModule;
import org.gridcare.ivr.app.AcdHandoff;
import org.gridcare.notifications.NotificationsModule;
import org.gridcare.notifications.app.NotifyScript;
import org.gridcare.notifications.app.Speech;
import org.gridcare.notifications.app.SurveyScript;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.privacy.PrivacyModule;
import org.gridcare.recordings.RecordingsModule;
import org.gridcare.reports.ReportsModule;
import org.gridcare.server.wallboard.AlertThresholds;
import org.gridcare.server.wallboard.WallboardFeed;
import org.gridcare.server.wiring.CrmForIvr;
import org.gridcare.server.wiring.CrmRecipients;
import org.gridcare.server.wiring.OutagesForModules;
import org.gridcare.server.wiring.OptOutsForPrivacy;
import org.gridcare.server.wiring.CrmForPrivacy;
import org.gridcare.server.wiring.RecordingsForPrivacy;
import org.gridcare.server.auth.Authentication;
import org.gridcare.server.http.ApiContract;
import org.gridcare.server.http.HttpApi;
import org.gridcare.server.http.HttpIdentityRoutes;
import org.gridcare.server.http.HttpSimulatorRoutes;
import org.gridcare.server.http.HttpWallboardRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridcare.pbx.domain.PbxStatus;
import org.gridcare.storage.ComponentHealth;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running contact centre: storage, the PBX link, the domain modules and the HTTP API, wired from one
 * configuration. {@link #start} brings them up in dependency order; {@link #stop} takes them down in reverse and
 * leaves no thread or child process behind.
 */
public final class ContactCentre {
  private static final Logger LOG = LoggerFactory.getLogger(ContactCentre.class);

  private final Vertx vertx;
  private final ContactCentreConfig config;
  private final PrometheusMeterRegistry registry;
  private Storage storage;
  private PbxLink pbx;
  private CrmModule crm;
  private RecordingsModule recordings;
  private AcdModule acd;
  private NotificationsModule notifications;
  private IvrModule ivr;
  private DesktopModule desktop;
  private List<io.vertx.core.eventbus.MessageConsumer<JsonObject>> desktopFeeds = List.of();
  private ReportsModule reports;
  private WallboardFeed wallboardFeed;
  private PrivacyModule privacy;
  private Authentication auth;
  private HttpServer http;
  private HttpApi api;

  private ContactCentre(Vertx vertx, ContactCentreConfig config, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
  }

  /** Creates Vert.x with Micrometer metrics (JVM, HTTP) on a Prometheus registry, then starts everything. */
  public static Future<ContactCentre> start(ContactCentreConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    ContactCentre cc = new ContactCentre(vertx, config, registry);
    Promise<ContactCentre> started = Promise.promise(); // not bound to Vert.x, which is gone if start fails
    cc.startParts().onComplete(r -> {
      if (r.succeeded()) {
        started.complete(cc);
      } else {
        LOG.error("start failed: {}", r.cause().toString());
        cc.stop().onComplete(x -> started.fail(r.cause()));
      }
    });
    return started.future();
  }

  /**
   * Dependency order: storage, the PBX link, then the modules (CRM, recordings, ACD, notifications, IVR, privacy, desktop, reports; each gets the
   * others' services through the adapters in {@code wiring}), and HTTP last so no request meets a half-started centre.
   */
  private Future<Void> startParts() {
    StorageSettings settings = StorageSettings.from(config.storage());
    OutagesForModules outages = new OutagesForModules(() -> notifications == null ? null : notifications.outages());
    return Storage.start(vertx, settings)
        .compose(s -> {
          storage = s;
          auth = Authentication.create(vertx, s.pool(), s.redis(), config.auth(), s.audit());
          return PbxLink.start(vertx, config.pbx(), amiSecret(), Path.of(config.recordings().monitorDir()));
        })
        .compose(link -> {
          pbx = link;
          return CrmModule.start(vertx, config, storage, pbx.pbx(), outages);
        })
        .compose(m -> {
          crm = m;
          return RecordingsModule.start(vertx, config, storage, pbx.pbx());
        })
        .compose(m -> {
          recordings = m;
          return AcdModule.start(vertx, config, storage, pbx.pbx(), registry);
        })
        .compose(m -> {
          acd = m;
          pbx.registerScript("wait", m.waitScript());
          Speech speech = (text, language) -> ivr == null
              ? Future.failedFuture(DomainException.unavailable("ivr-not-started", "Speech is not available yet", null))
              : ivr.speech().render(language, text).map(ContactCentre::withoutExtension);
          return NotificationsModule.start(vertx, config, storage, pbx.pbx(), new CrmRecipients(crm), speech);
        })
        .compose(m -> {
          notifications = m;
          pbx.registerScript(NotifyScript.NAME, m.notifyScript());
          pbx.registerScript(SurveyScript.NAME, m.surveyScript());
          CrmForIvr crmForIvr = new CrmForIvr(crm, config.locale().zone());
          AcdHandoff handoff = h -> acd.acd().enqueue(new QueueRequest(h.call().value(), h.channel().value(), h.topic(),
              h.line(), h.priority(), h.hazard(), 0, h.customerId(), null)).mapEmpty();
          return IvrModule.start(vertx, config, storage, pbx::registerScript,
              new IvrModule.Ports(crmForIvr, outages, crmForIvr, crmForIvr, handoff, acd.acd()::isOpen), registry);
        })
        .compose(m -> {
          ivr = m;
          return PrivacyModule.start(vertx, config, storage, privacyPorts(), java.time.Clock.systemUTC());
        })
        .compose(m -> {
          privacy = m;
          return DesktopModule.start(vertx, config, storage, pbx.pbx(), DesktopFeeds.acd(acd.acd()), DesktopFeeds.crm(crm),
              DesktopFeeds.ivr(ivr));
        })
        .compose(m -> {
          desktop = m;
          desktopFeeds = DesktopFeeds.relay(vertx, m.desk());
          return ReportsModule.start(vertx, config, storage);
        })
        .compose(m -> {
          reports = m;
          return WallboardFeed.start(vertx, storage.redisClient(), storage.redis(),
              Map.of(AcdEvents.OPERATOR_STATE, "operator-state", AcdEvents.QUEUE_CHANGED, "queue"));
        })
        .compose(feed -> {
          wallboardFeed = feed;
          List<String> fragments = new ArrayList<>(List.of(BASE_API));
          List<Consumer<RouterBuilder>> routes = new ArrayList<>();
          fragments.add(crm.openApiFragment());
          routes.add(crm.routes());
          fragments.add(recordings.openApiFragment());
          routes.add(recordings.routes());
          fragments.add(acd.openApiFragment());
          routes.add(acd.routes());
          fragments.add(notifications.openApiFragment());
          routes.add(notifications.routes());
          fragments.add(notifications.surveyApiFragment());
          routes.add(notifications.surveyRoutes());
          fragments.add(ivr.openApiFragment());
          routes.add(ivr.routes());
          fragments.add(HttpIdentityRoutes.FRAGMENT);
          routes.add(new HttpIdentityRoutes(crm));
          fragments.add(privacy.openApiFragment());
          routes.add(privacy.routes());
          fragments.add(desktop.openApiFragment());
          routes.add(desktop.routes());
          fragments.add(reports.openApiFragment());
          routes.add(reports.routes());
          fragments.add(HttpWallboardRoutes.fragment());
          routes.add(new HttpWallboardRoutes(new HttpWallboardRoutes.Parts(storage.pool(), acd.acd(), pbx.pbx(),
              storage.audit(), new AlertThresholds(vertx, storage.redis(), config.lines()), feed, auth::endpoint), config,
              java.time.Clock.systemUTC()));
          pbx.simulator().ifPresent(sim -> {
            fragments.add(HttpSimulatorRoutes.FRAGMENT);
            routes.add(new HttpSimulatorRoutes(new SimulatorScenario(vertx, sim, acd.acd(), storage.pool(),
                config.operators())));
          });
          api = new HttpApi(vertx, ApiContract.merge(fragments), auth, registry, this::readiness, routes);
          return api.listen(config.server());
        })
        .map(server -> {
          http = server;
          LOG.info("HTTP API listening on {}:{}", config.server().host(), server.actualPort());
          return null;
        });
  }

  static final String BASE_API = "openapi/base.yaml";

  private PrivacyModule.Ports privacyPorts() {
    return new PrivacyModule.Ports(new RecordingsForPrivacy(recordings.service()), new OptOutsForPrivacy(storage.pool()),
        new CrmForPrivacy(crm));
  }

  private static String withoutExtension(Path wav) {
    String name = wav.toString();
    return name.endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
  }

  private String amiSecret() {
    var secret = config.pbx().ami().secret();
    return secret == null ? null : secret.value();
  }

  /** Up only when PostgreSQL, Redis and the PBX link all are; each part says why when it is not. */
  private Future<JsonObject> readiness() {
    return storage.health().map(parts -> {
      Map<String, ComponentHealth> all = new LinkedHashMap<>(parts);
      PbxStatus link = pbx.status();
      all.put("pbx", new ComponentHealth(link.connected(), link.detail()));
      JsonObject json = new JsonObject();
      boolean up = true;
      for (var e : all.entrySet()) {
        json.put(e.getKey(), new JsonObject().put("status", e.getValue().up() ? "up" : "down")
            .put("detail", e.getValue().detail()));
        up &= e.getValue().up();
      }
      return new JsonObject().put("status", up ? "up" : "down").put("parts", json);
    });
  }

  /** The PBX link (simulator mode: also the simulator, for demo traffic and tests). */
  public PbxLink pbxLink() {
    return pbx;
  }

  public int httpPort() {
    return http.actualPort();
  }

  public AcdModule acd() {
    return acd;
  }

  public CrmModule crm() {
    return crm;
  }

  public NotificationsModule notifications() {
    return notifications;
  }

  public IvrModule ivr() {
    return ivr;
  }

  public DesktopModule desktop() {
    return desktop;
  }

  public ReportsModule reports() {
    return reports;
  }

  public RecordingsModule recordings() {
    return recordings;
  }

  public PrivacyModule privacy() {
    return privacy;
  }

  /** The HTTP router with every route of the API (for the contract completeness test). */
  public io.vertx.ext.web.Router router() {
    return api.builtRouter();
  }

  public Vertx vertx() {
    return vertx;
  }

  public Authentication authentication() {
    return auth;
  }

  public Storage storage() {
    return storage;
  }

  /** Stops HTTP first (no new work), then the modules and the PBX link, then storage (and its embedded servers), then Vert.x. */
  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise(); // not bound to Vert.x: it completes after Vert.x is gone
    Future<Void> httpClosed = http == null ? Future.succeededFuture() : http.close();
    httpClosed
        .eventually(() -> {
          desktopFeeds.forEach(io.vertx.core.eventbus.MessageConsumer::unregister);
          return desktop == null ? Future.succeededFuture() : desktop.close();
        })
        .eventually(() -> wallboardFeed == null ? Future.succeededFuture() : wallboardFeed.close())
        .eventually(() -> reports == null ? Future.succeededFuture() : reports.close())
        .eventually(() -> privacy == null ? Future.succeededFuture() : privacy.close())
        .eventually(() -> ivr == null ? Future.succeededFuture() : ivr.close())
        .eventually(() -> notifications == null ? Future.succeededFuture() : notifications.close())
        .eventually(() -> acd == null ? Future.succeededFuture() : acd.close())
        .eventually(() -> recordings == null ? Future.succeededFuture() : recordings.close())
        .eventually(() -> crm == null ? Future.succeededFuture() : crm.close())
        .eventually(() -> pbx == null ? Future.succeededFuture() : pbx.close())
        .eventually(() -> storage == null ? Future.succeededFuture() : storage.close())
        .onComplete(parts -> vertx.close().onComplete(closed -> {
          registry.close();
          stopped.handle(parts.failed() ? parts : closed);
        }));
    return stopped.future();
  }

  public static Path dataDir(ContactCentreConfig config) {
    return Path.of(config.storage().dataDir());
  }
}
