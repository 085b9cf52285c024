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
import org.gridcare.server.auth.Authentication;
import org.gridcare.server.auth.PgUsers;
import org.gridcare.server.auth.RedisSessions;
import org.gridcare.server.http.ApiContract;
import org.gridcare.server.http.HttpApi;
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

  private Future<Void> startParts() {
    StorageSettings settings = StorageSettings.from(config.storage());
    return Storage.start(vertx, settings)
        .compose(s -> {
          storage = s;
          return PbxLink.start(vertx, config.pbx(), amiSecret(), Path.of(config.recordings().monitorDir()));
        })
        .compose(link -> {
          pbx = link;
          Storage s = storage;
          auth = new Authentication(vertx, new PgUsers(s.pool()),
              new RedisSessions(vertx, s.redis(), config.auth().tokenTtl()), config.auth(), s.audit());
          List<Consumer<io.vertx.ext.web.openapi.router.RouterBuilder>> modules = new ArrayList<>();
          JsonObject document = ApiContract.merge(apiFragments());
          api = new HttpApi(vertx, document, auth, registry, this::readiness, modules);
          return api.listen(config.server());
        })
        .map(server -> {
          http = server;
          LOG.info("HTTP API listening on {}:{}", config.server().host(), server.actualPort());
          return null;
        });
  }

  static List<String> apiFragments() {
    return List.of("openapi/base.yaml");
  }

  private String amiSecret() {
    var secret = config.pbx().ami().secret();
    return secret == null ? null : secret.resolve(System.getenv());
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
