package org.gridcare.notifications.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Backoff;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.notifications.domain.ProviderError;
import org.gridcare.notifications.pg.PgSmsOutbox;
import org.gridcare.notifications.redis.RedisTokenBucket;
import org.gridcare.notifications.testing.Fixtures;
import org.gridcare.notifications.testing.PrismServer;
import org.gridcare.notifications.testing.TwilioStub;
import org.gridcare.notifications.twilio.TwilioSms;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SMS path end to end: outbox in real PostgreSQL, rate in real Redis, the real Twilio SDK against Prism serving
 * Twilio's contract (through the fault stub, which counts what Twilio would have sent).
 */
@RealServers
class SmsSendingTest {
  static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
  static final Area AREA = Area.ofPostcodes("0150");
  static PrismServer prism;
  static TwilioStub stub;
  static Storage storage;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    prism = PrismServer.start();
    stub = await(TwilioStub.start(vertx, prism.port()));
    storage = await(Storage.start(vertx, settings));
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      await(storage.close());
    }
    if (prism != null) {
      prism.close();
    }
  }

  static UUID campaign(Pool pool, List<org.gridcare.notifications.domain.Candidate> customers) throws Exception {
    OutageService outages = Fixtures.outages(pool, area -> Future.succeededFuture(customers), Clock.systemUTC());
    Outage o = await(outages.report(new ReportOutage(AREA, "storm", null, null, "oms", null)));
    return await(pool.preparedQuery("SELECT id FROM notify_campaign WHERE outage_id=$1").execute(Tuple.of(o.id())))
        .iterator().next().getUUID("id");
  }

  static SmsDispatcher dispatcher(Vertx vertx, Storage s, double rate, Duration lease, Backoff backoff) {
    TwilioSms sms = new TwilioSms(vertx, TwilioSms.client(ACCOUNT, "token", stub.baseUrl(), 16, Duration.ofSeconds(1)),
        null, "+4790000000", 16);
    return new SmsDispatcher(vertx, new PgSmsOutbox(s.pool()), sms,
        new RedisTokenBucket(vertx, s.redis(), "twilio-" + UUID.randomUUID(), rate, Math.max(1, rate / 4)),
        backoff, new SmsDispatcher.Settings(16, lease, Duration.ofMillis(50),
            key -> "http://127.0.0.1:8080/api/notifications/twilio/status?key=" + key), Clock.systemUTC());
  }

  /** A provider that accepts at once, recording when: for pacing tests that the mock's speed must not limit. */
  static SmsGateway instantGateway(java.util.Collection<Long> accepted) {
    return new SmsGateway() {
      @Override
      public Future<Result> send(String to, String body, String statusCallback) {
        accepted.add(System.nanoTime());
        return Future.succeededFuture(new Result.Accepted("SM" + UUID.randomUUID().toString().replace("-", "")));
      }

      @Override
      public Future<java.util.Optional<String>> findSent(String to, String body, java.time.Instant since) {
        return Future.succeededFuture(java.util.Optional.empty());
      }
    };
  }

  /** Completes when no row of the campaign is PENDING or SENDING any more. */
  static Future<Map<String, Long>> settled(Vertx vertx, Pool pool, UUID campaign) {
    Promise<Map<String, Long>> done = Promise.promise();
    vertx.setPeriodic(100, id -> pool.preparedQuery("SELECT state, count(*) AS n FROM notify_sms WHERE campaign_id=$1 "
        + "GROUP BY state").execute(Tuple.of(campaign)).onSuccess(rows -> {
          Map<String, Long> byState = new HashMap<>();
          rows.forEach(r -> byState.put(r.getString("state"), r.getLong("n")));
          if (!byState.containsKey("PENDING") && !byState.containsKey("SENDING")) {
            vertx.cancelTimer(id);
            done.tryComplete(byState);
          }
        }));
    return done.future().timeout(120, TimeUnit.SECONDS);
  }

  static Map<String, Long> perRecipient(List<String> numbers) {
    return stub.sent().stream().filter(s -> numbers.contains(s.to()))
        .collect(Collectors.groupingBy(TwilioStub.Sent::to, Collectors.counting()));
  }

  @Test
  void crashMidBatchAndRestartSendsEveryRecipientExactlyOneMessage(Vertx vertx, StorageSettings settings)
      throws Exception {
    int n = 10_000;
    var customers = Fixtures.households(100_000, n);
    UUID campaign = campaign(storage.pool(), customers);

    // The first sender runs in its own Vert.x with its own pool and dies (Vert.x closed under it) mid-batch.
    Vertx doomed = Vertx.vertx();
    Storage doomedStorage = await(Storage.start(doomed, settings));
    int before = stub.sent().size();
    // The "crash" closes Vert.x, but SDK calls already on worker threads still reach the stub afterwards; the lease
    // must outlast them, as a production lease (minutes) outlasts a request in flight when a process dies.
    Duration lease = Duration.ofSeconds(8);
    SmsDispatcher first = dispatcher(doomed, doomedStorage, 1000, lease, Backoff.DEFAULT);
    first.start();
    stub.whenAccepted(before + n / 3).get(60, TimeUnit.SECONDS);
    doomed.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    // The crash must have left sends that Twilio accepted but the outbox never heard of: the case to resolve.
    List<String> inFlight = new java.util.ArrayList<>();
    await(storage.pool().preparedQuery("SELECT phone FROM notify_sms WHERE campaign_id=$1 AND state='SENDING'")
        .execute(Tuple.of(campaign))).forEach(r -> inFlight.add(r.getString("phone")));
    java.util.Set<String> accepted = stub.sent().stream().map(TwilioStub.Sent::to)
        .collect(Collectors.toSet());
    assertThat(inFlight.stream().filter(accepted::contains).count()).as("accepted by Twilio, unrecorded").isPositive();

    long start = System.nanoTime();
    SmsDispatcher second = dispatcher(vertx, storage, 1000, lease, Backoff.DEFAULT);
    second.start();
    Map<String, Long> states = await(settled(vertx, storage.pool(), campaign));
    await(second.stop());

    assertThat(states).containsOnlyKeys("SENT").containsEntry("SENT", (long) n);
    List<String> numbers = customers.stream().map(c -> c.phone()).toList();
    Map<String, Long> counts = perRecipient(numbers);
    assertThat(counts).hasSize(n);
    assertThat(counts.values()).allMatch(c -> c == 1L);
    assertThat(stub.rejectedByContract()).isZero();
    // Each row carries the sid of the one message that went out to its number.
    Map<String, String> sidByPhone = stub.sent().stream().filter(s -> numbers.contains(s.to()))
        .collect(Collectors.toMap(TwilioStub.Sent::to, TwilioStub.Sent::sid));
    var rows = await(storage.pool().preparedQuery("SELECT phone, provider_sid FROM notify_sms WHERE campaign_id=$1")
        .execute(Tuple.of(campaign)));
    for (Row r : rows) {
      assertThat(r.getString("provider_sid")).isEqualTo(sidByPhone.get(r.getString("phone")));
    }
    long journaled = await(storage.pool().preparedQuery("SELECT count(*) AS n FROM journal WHERE type='notify.sms.sent' "
        + "AND data->>'campaign' = $1 AND phone IS NOT NULL AND NOT data ? 'phone'").execute(Tuple.of(campaign.toString())))
        .iterator().next().getLong("n");
    assertThat(journaled).isEqualTo(n);
    double secondRate = (n - n / 3.0) / ((System.nanoTime() - start) / 1e9);
    assertThat(secondRate).isLessThanOrEqualTo(1000 * 1.01);
  }

  @Test
  void answersLostAfterTwilioAcceptedAreLookedUpNotSentAgain(Vertx vertx) throws Exception {
    var customers = Fixtures.households(600_000, 12);
    UUID campaign = campaign(storage.pool(), customers);
    int before = stub.sent().size();
    stub.loseAnswerNext(3);
    SmsDispatcher d = dispatcher(vertx, storage, 500, Duration.ofMillis(1500), Backoff.DEFAULT);
    d.start();
    Map<String, Long> states = await(settled(vertx, storage.pool(), campaign));
    await(d.stop());

    assertThat(states).containsOnlyKeys("SENT");
    assertThat(stub.sent().size() - before).isEqualTo(12);
    assertThat(perRecipient(customers.stream().map(c -> c.phone()).toList()).values()).hasSize(12)
        .allMatch(c -> c == 1L);
  }

  @Test
  void twoConcurrentSendersTogetherStayUnderTheRateAndNearIt(Vertx vertx) throws Exception {
    int n = 1500;
    double limit = 250;
    var customers = Fixtures.households(300_000, n);
    UUID campaign = campaign(storage.pool(), customers);
    String bucket = "twilio-shared-" + UUID.randomUUID();
    java.util.concurrent.ConcurrentLinkedQueue<Long> accepted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    // Two senders, each with its own Redis connection and outbox claims, as on two server instances.
    Function<Storage, SmsDispatcher> make = s -> new SmsDispatcher(vertx, new PgSmsOutbox(s.pool()),
        instantGateway(accepted), new RedisTokenBucket(vertx, s.redisClient().connect(), bucket, limit, limit / 4),
        Backoff.DEFAULT, new SmsDispatcher.Settings(8, Duration.ofSeconds(30), Duration.ofMillis(50), null),
        Clock.systemUTC());
    SmsDispatcher a = make.apply(storage);
    SmsDispatcher b = make.apply(storage);
    a.start();
    b.start();
    Map<String, Long> states = await(settled(vertx, storage.pool(), campaign));
    await(Future.all(a.stop(), b.stop()));

    assertThat(states).containsOnlyKeys("SENT");
    List<Long> times = accepted.stream().sorted().toList();
    assertThat(times).hasSize(n);
    double achieved = (n - 1) / ((times.get(n - 1) - times.get(0)) / 1e9);
    assertThat(achieved / limit).isLessThanOrEqualTo(1.01).isGreaterThan(0.9);
  }

  @Test
  void pacingReachesTheLimitWhenTheProviderKeepsUp(Vertx vertx) throws Exception {
    int n = 1500;
    double limit = 250;
    UUID campaign = campaign(storage.pool(), Fixtures.households(800_000, n));
    java.util.concurrent.ConcurrentLinkedQueue<Long> accepted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    SmsGateway instant = instantGateway(accepted);
    SmsDispatcher d = new SmsDispatcher(vertx, new PgSmsOutbox(storage.pool()), instant,
        new RedisTokenBucket(vertx, storage.redis(), "pace-" + UUID.randomUUID(), limit, limit / 4), Backoff.DEFAULT,
        new SmsDispatcher.Settings(16, Duration.ofSeconds(30), Duration.ofMillis(50), null), Clock.systemUTC());
    d.start();
    await(settled(vertx, storage.pool(), campaign));
    await(d.stop());

    List<Long> times = accepted.stream().sorted().toList();
    assertThat(times).hasSize(n);
    double achieved = (n - 1) / ((times.get(n - 1) - times.get(0)) / 1e9);
    assertThat(achieved / limit).isGreaterThan(0.95).isLessThanOrEqualTo(1.01);
  }

  @Test
  void throttlingAndServerErrorsAreRetriedPermanentRefusalsRecorded(Vertx vertx) throws Exception {
    var customers = Fixtures.households(500_000, 20);
    String unsubscribed = customers.get(3).phone();
    String invalid = customers.get(7).phone();
    stub.failFor(unsubscribed, 400, ProviderError.UNSUBSCRIBED);
    stub.failFor(invalid, 400, 21211);
    UUID campaign = campaign(storage.pool(), customers);
    stub.failNext(5, 429, 20429);
    stub.failNext(3, 503, null);

    SmsDispatcher d = dispatcher(vertx, storage, 500, Duration.ofSeconds(30),
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 8));
    d.start();
    Map<String, Long> states = await(settled(vertx, storage.pool(), campaign));
    await(d.stop());

    assertThat(states).containsEntry("SENT", 18L).containsEntry("OPTED_OUT", 1L).containsEntry("FAILED", 1L);
    var rows = await(storage.pool().preparedQuery("SELECT phone, state, error FROM notify_sms WHERE campaign_id=$1 "
        + "AND state <> 'SENT'").execute(Tuple.of(campaign)));
    Map<String, String> errors = new HashMap<>();
    rows.forEach(r -> errors.put(r.getString("phone"), r.getString("state") + " " + r.getString("error")));
    assertThat(errors).containsEntry(unsubscribed, "OPTED_OUT 21610").containsEntry(invalid, "FAILED 21211");
    assertThat(await(storage.pool().preparedQuery("SELECT source FROM notify_opt_out WHERE phone=$1")
        .execute(Tuple.of(unsubscribed))).iterator().next().getString("source")).isEqualTo("provider-21610");
    long retried = await(storage.pool().preparedQuery("SELECT count(*) AS n FROM journal WHERE type='notify.sms.retried' "
        + "AND data->>'campaign' = $1").execute(Tuple.of(campaign.toString()))).iterator().next().getLong("n");
    assertThat(retried).isEqualTo(8);
    assertThat(perRecipient(customers.stream().map(c -> c.phone()).toList()).values()).allMatch(c -> c == 1L);
  }
}
