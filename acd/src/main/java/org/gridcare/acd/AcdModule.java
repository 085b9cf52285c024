package org.gridcare.acd;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.util.function.Consumer;
import org.gridcare.acd.app.Acd;
import org.gridcare.acd.app.AcdMetrics;
import org.gridcare.acd.app.AcdSettings;
import org.gridcare.acd.app.WaitScript;
import org.gridcare.acd.http.HttpAcdRoutes;
import org.gridcare.acd.pg.PgCallbacks;
import org.gridcare.acd.pg.PgOperatorHistory;
import org.gridcare.acd.redis.RedisAcdState;
import org.gridcare.acd.redis.RedisOverrides;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.Pbx;
import org.gridcare.storage.Storage;

/**
 * The ACD wired for the server's composition root: Redis live state, PostgreSQL history and callbacks, the PBX,
 * meters. {@link #acd()} is what other modules use (the IVR queues callers through it); {@link #waitScript()} runs
 * callers in {@code cc-wait}.
 */
public final class AcdModule {
  private final Acd acd;
  private final WaitScript waitScript;
  private final RedisOverrides overrides;

  private AcdModule(Acd acd, WaitScript waitScript, RedisOverrides overrides) {
    this.acd = acd;
    this.waitScript = waitScript;
    this.overrides = overrides;
  }

  public static Future<AcdModule> start(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx,
      MeterRegistry registry) {
    return start(vertx, config, storage, pbx, registry, Clock.systemUTC());
  }

  static Future<AcdModule> start(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx,
      MeterRegistry registry, Clock clock) {
    AcdSettings settings;
    try {
      settings = AcdSettings.from(config);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return RedisOverrides.start(vertx, storage.redisClient(), storage.redis()).map(overrides -> {
      Acd acd = new Acd(vertx, settings, new RedisAcdState(vertx, storage.redis()), pbx, storage.journal(),
          new PgOperatorHistory(storage.pool()), new PgCallbacks(storage.pool()),
          new AcdMetrics(registry, settings.serviceLevels()), clock, overrides);
      acd.start();
      return new AcdModule(acd, new WaitScript(acd, config.acd().announceEvery()), overrides);
    });
  }

  public Acd acd() {
    return acd;
  }

  /** The {@code cc-wait} script, to register with the PBX gateway under the name {@code wait}. */
  public CallScript waitScript() {
    return waitScript;
  }

  public String openApiFragment() {
    return "openapi/acd.yaml";
  }

  public Consumer<RouterBuilder> routes() {
    return new HttpAcdRoutes(acd);
  }

  public Future<Void> close() {
    return acd.stop().eventually(overrides::close);
  }
}
