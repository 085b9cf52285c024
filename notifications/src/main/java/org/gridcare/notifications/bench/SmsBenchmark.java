package org.gridcare.notifications.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gridcare.notifications.app.OutageService;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.app.SmsDispatcher;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Backoff;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.EstimatePolicy;
import org.gridcare.notifications.domain.MessageTemplates;
import org.gridcare.notifications.domain.NotificationKind;
import org.gridcare.notifications.domain.Segment;
import org.gridcare.notifications.domain.Targeting;
import org.gridcare.notifications.pg.PgOptOuts;
import org.gridcare.notifications.pg.PgOutages;
import org.gridcare.notifications.pg.PgSmsOutbox;
import org.gridcare.notifications.redis.RedisTokenBucket;
import org.gridcare.notifications.twilio.TwilioSms;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;

/**
 * Measures an outage of {@code targets} customers with distinct mobile numbers: the time to select and enqueue
 * them, then the send rate achieved through the real Twilio SDK against {@code twilioBaseUrl} (a local mock) with
 * the given rate limit. {@code duplicates} counts recipients recorded as sent more than once (must be 0).
 */
public final class SmsBenchmark {
  private static final String ACCOUNT = "AC" + "0".repeat(32);
  /** The benchmark measures sending, not wording: one text of SMS length for every kind. */
  private static final MessageTemplates BENCH_TEXTS = benchTexts();

  public record Result(int targets, double selectSeconds, double sentPerSecond, double limitPerSecond,
      long duplicates) {
    public double ratio() {
      return sentPerSecond / limitPerSecond;
    }

    public JsonObject toJson() {
      return new JsonObject().put("targets", targets).put("select_s", round(selectSeconds))
          .put("sent_per_s", round(sentPerSecond)).put("limit_per_s", limitPerSecond).put("ratio", round(ratio()))
          .put("duplicates", duplicates);
    }

    private static double round(double d) {
      return Math.round(d * 1000) / 1000.0;
    }
  }

  private SmsBenchmark() {}

  private static MessageTemplates benchTexts() {
    Map<NotificationKind, MessageTemplates.Texts> texts = new EnumMap<>(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.values()) {
      texts.put(kind, new MessageTemplates.Texts(kind == NotificationKind.APPLICATION_STAGE
          ? "Benchmark: application {application} at {stage}." : "Benchmark: power outage in your area ({cause}), back {eta}.",
          "Benchmark call."));
    }
    return new MessageTemplates(Map.of("en", new MessageTemplates.Language(texts, "unknown", "Press 1.", Map.of())), "en",
        ZoneId.of("UTC"));
  }

  public static Future<Result> run(Vertx vertx, Storage storage, String twilioBaseUrl, int targets, double limit) {
    PhoneNumbers phones = new PhoneNumbers("NO");
    List<Candidate> customers = new ArrayList<>(targets);
    for (int i = 0; i < targets; i++) {
      customers.add(new Candidate("bench-" + i, null, String.format("+479%07d", i), "en", true, Segment.HOUSEHOLD));
    }
    OutageService outages = new OutageService(new PgOutages(storage.pool()), area -> Future.succeededFuture(customers),
        new PgOptOuts(storage.pool()), new Targeting(phones::normalise, phones::isMobile, "en", Set.of("en")),
        BENCH_TEXTS, EstimatePolicy.DEFAULT, Duration.ofHours(24), false, Clock.systemUTC());
    int inFlight = (int) Math.max(4, Math.min(64, Math.ceil(limit * 0.3)));
    TwilioSms sms = new TwilioSms(vertx, TwilioSms.client(ACCOUNT, "bench", twilioBaseUrl, inFlight), null,
        "+4790000000", inFlight);
    SmsDispatcher dispatcher = new SmsDispatcher(vertx, new PgSmsOutbox(storage.pool()), sms,
        new RedisTokenBucket(vertx, storage.redis(), "bench-" + UUID.randomUUID(), limit, Math.max(1, limit / 4)),
        Backoff.DEFAULT, new SmsDispatcher.Settings(inFlight * 2, Duration.ofMinutes(2), Duration.ofMillis(50), null),
        Clock.systemUTC());

    long t0 = System.nanoTime();
    return outages.report(new ReportOutage(Area.ofPostcodes("BENCH"), "benchmark", null, null, "bench", null))
        .compose(outage -> storage.pool().preparedQuery("SELECT id FROM notify_campaign WHERE outage_id=$1")
            .execute(Tuple.of(outage.id())).map(rows -> rows.iterator().next().getUUID("id")))
        .compose(campaign -> {
          double selectSeconds = (System.nanoTime() - t0) / 1e9;
          long t1 = System.nanoTime();
          dispatcher.start();
          return settled(vertx, storage, campaign)
              .compose(v -> dispatcher.stop())
              .compose(v -> {
                double sendSeconds = (System.nanoTime() - t1) / 1e9;
                return storage.pool().preparedQuery("SELECT count(*) - count(DISTINCT phone) AS dup, count(*) AS n "
                        + "FROM journal WHERE type='notify.sms.sent' AND data->>'campaign' = $1")
                    .execute(Tuple.of(campaign.toString()))
                    .map(rows -> new Result(targets, selectSeconds,
                        rows.iterator().next().getLong("n") / sendSeconds, limit,
                        rows.iterator().next().getLong("dup")));
              });
        })
        .eventually(() -> {
          sms.close();
          return Future.succeededFuture();
        });
  }

  private static Future<Void> settled(Vertx vertx, Storage storage, UUID campaign) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(100, id -> storage.pool().preparedQuery("SELECT 1 FROM notify_sms WHERE campaign_id=$1 AND "
        + "state IN ('PENDING','SENDING') LIMIT 1").execute(Tuple.of(campaign)).onSuccess(rows -> {
          if (rows.size() == 0) {
            vertx.cancelTimer(id);
            done.tryComplete();
          }
        }));
    return done.future();
  }
}
