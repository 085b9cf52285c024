package org.gridcare.notifications.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.notifications.domain.OutageState;
import org.gridcare.notifications.testing.Fixtures;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outage use cases over real PostgreSQL: planned notices with a clock the test moves (ahead, then at the start, once
 * each), cancellation, IVR subscriptions to the restoration message, and what the IVR announces.
 */
@RealServers
class OutageServiceTest {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  static Storage storage;

  /** A clock the test sets. */
  static final class MovableClock extends Clock {
    Instant now = T0;

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = await(Storage.start(vertx, settings));
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      await(storage.close());
    }
  }

  static List<String> campaigns(UUID outage) throws Exception {
    List<String> kinds = new ArrayList<>();
    await(storage.pool().preparedQuery("SELECT kind FROM notify_campaign WHERE outage_id=$1 ORDER BY created_at, kind")
        .execute(Tuple.of(outage))).forEach(r -> kinds.add(r.getString("kind")));
    return kinds;
  }

  /** SMS and call rows of the outage's campaign: phone → "SMS" / "VOICE: <message>". */
  static List<String> outbox(UUID outage) throws Exception {
    List<String> rows = new ArrayList<>();
    await(storage.pool().preparedQuery("SELECT 'SMS ' || s.phone AS r FROM notify_sms s JOIN notify_campaign c "
        + "ON c.id = s.campaign_id WHERE c.outage_id=$1 UNION ALL SELECT 'VOICE ' || v.phone || ' ' || v.message "
        + "FROM notify_call v JOIN notify_campaign c ON c.id = v.campaign_id WHERE c.outage_id=$1")
        .execute(Tuple.of(outage))).forEach(r -> rows.add(r.getString("r")));
    return rows;
  }

  @Test
  void theWarningOfAnUrgentOutageAlsoCallsMobilesWhenConfiguredOnceEachWithTheVoiceText() throws Exception {
    var customers = new ArrayList<>(Fixtures.households(1_100_000, 2));
    customers.add(new org.gridcare.notifications.domain.Candidate("land", "L", "+4722110000", "en", true,
        org.gridcare.notifications.domain.Segment.HOUSEHOLD));
    customers.add(customers.get(0)); // the same number twice: still one SMS and one call
    Recipients area = a -> Future.succeededFuture(customers);
    String m0 = customers.get(0).phone();
    String m1 = customers.get(1).phone();

    OutageService calling = Fixtures.outages(storage.pool(), area, true, Clock.systemUTC());
    Outage hazard = await(calling.report(new ReportOutage(Area.ofPostcodes("0150"), "lines down", null, null, "oms",
        null, true)));
    assertThat(hazard.urgent()).isTrue();
    assertThat(outbox(hazard.id())).hasSize(5).contains("SMS " + m0, "SMS " + m1)
        .anySatisfy(r -> assertThat(r).startsWith("VOICE " + m0 + " This is your electricity company."))
        .anySatisfy(r -> assertThat(r).startsWith("VOICE " + m1 + " "))
        .anySatisfy(r -> assertThat(r).startsWith("VOICE +4722110000 "));
    await(calling.restore(hazard.id()));
    assertThat(outbox(hazard.id())).as("power is back: SMS to mobiles, a call only to the landline").hasSize(5 + 3);

    Outage ordinary = await(calling.report(new ReportOutage(Area.ofPostcodes("0150"), "storm", null, null, "oms",
        null)));
    assertThat(outbox(ordinary.id())).hasSize(3).contains("SMS " + m0, "SMS " + m1)
        .anySatisfy(r -> assertThat(r).startsWith("VOICE +4722110000 "));

    OutageService notCalling = Fixtures.outages(storage.pool(), area, false, Clock.systemUTC());
    Outage unconfigured = await(notCalling.report(new ReportOutage(Area.ofPostcodes("0150"), "lines down", null, null,
        "oms", null, true)));
    assertThat(outbox(unconfigured.id())).hasSize(3);
  }

  @Test
  void noticeGoesOutADayAheadThenAtTheStartAndNeverTwice() throws Exception {
    MovableClock clock = new MovableClock();
    OutageService outages = Fixtures.outages(storage.pool(),
        a -> Future.succeededFuture(Fixtures.households(1_000_000, 3)), clock);
    Outage o = await(outages.plan(new PlanOutage(Area.ofPostcodes("0150"), "transformer replacement",
        T0.plus(Duration.ofHours(30)), T0.plus(Duration.ofHours(34)), "user:sup")));
    assertThat(campaigns(o.id())).isEmpty();

    clock.now = T0.plus(Duration.ofHours(7));
    await(outages.noticesDue());
    await(outages.noticesDue());
    assertThat(campaigns(o.id())).containsExactly("PLANNED_NOTICE");

    clock.now = T0.plus(Duration.ofHours(30));
    await(outages.noticesDue());
    await(outages.noticesDue());
    assertThat(campaigns(o.id())).containsExactly("PLANNED_NOTICE", "PLANNED_START");
    assertThat(await(outages.get(o.id())).state()).isEqualTo(OutageState.ACTIVE);
    long sms = await(storage.pool().preparedQuery("SELECT count(*) AS n FROM notify_sms s JOIN notify_campaign c "
        + "ON c.id = s.campaign_id WHERE c.outage_id=$1").execute(Tuple.of(o.id()))).iterator().next().getLong("n");
    assertThat(sms).isEqualTo(6);
  }

  @Test
  void outagePlannedInsideTheNoticeWindowIsNoticedAtOnceAndItsCancellationToo() throws Exception {
    MovableClock clock = new MovableClock();
    OutageService outages = Fixtures.outages(storage.pool(),
        a -> Future.succeededFuture(Fixtures.households(1_100_000, 2)), clock);
    Outage soon = await(outages.plan(new PlanOutage(Area.ofPostcodes("0151"), "works", T0.plus(Duration.ofHours(3)),
        T0.plus(Duration.ofHours(5)), "user:sup")));
    assertThat(campaigns(soon.id())).containsExactly("PLANNED_NOTICE");
    Outage cancelled = await(outages.cancel(soon.id()));
    assertThat(cancelled.state()).isEqualTo(OutageState.CANCELLED);
    assertThat(campaigns(soon.id())).containsExactlyInAnyOrder("PLANNED_NOTICE", "CANCELLED");

    Outage later = await(outages.plan(new PlanOutage(Area.ofPostcodes("0152"), "works", T0.plus(Duration.ofDays(3)),
        T0.plus(Duration.ofDays(3).plusHours(2)), "user:sup")));
    await(outages.cancel(later.id()));
    assertThat(campaigns(later.id())).isEmpty();
  }

  @Test
  void callersWhoSubscribedInTheIvrAlsoHearThatPowerIsBack() throws Exception {
    MovableClock clock = new MovableClock();
    OutageService outages = Fixtures.outages(storage.pool(),
        a -> Future.succeededFuture(Fixtures.households(1_200_000, 2)), clock);
    Outage o = await(outages.report(new ReportOutage(new Area(java.util.Set.of("SS-9"), null, null), "storm", null,
        null, "user:sup", null)));
    await(outages.subscribe(o.id(), "22 33 44 55", "ru", null));
    await(outages.subscribe(o.id(), "+4722334455", "ru", null));
    await(outages.subscribe(o.id(), Fixtures.mobile(1_200_000), "en", "cust-1200000"));
    assertThat(await(outages.affecting("SS-9", null, null))).extracting(Outage::id).contains(o.id());
    assertThat(await(outages.affecting("SS-1", "F-1", "9999"))).extracting(Outage::id).doesNotContain(o.id());

    clock.now = T0.plus(Duration.ofHours(2));
    await(outages.restore(o.id()));
    List<String> restored = new ArrayList<>();
    await(storage.pool().preparedQuery("SELECT 'sms ' || phone AS r FROM notify_sms s JOIN notify_campaign c ON "
        + "c.id=s.campaign_id WHERE c.outage_id=$1 AND c.kind='RESTORED' UNION ALL SELECT 'call ' || phone || ' ' "
        + "|| message FROM notify_call s JOIN notify_campaign c ON c.id=s.campaign_id WHERE c.outage_id=$1 AND "
        + "c.kind='RESTORED'").execute(Tuple.of(o.id()))).forEach(r -> restored.add(r.getString("r")));
    assertThat(restored).containsExactlyInAnyOrder("sms " + Fixtures.mobile(1_200_000), "sms " + Fixtures.mobile(1_200_001),
        "call +4722334455 Говорит ваша электросетевая компания. Электроснабжение в вашем районе восстановлено. "
            + "Спасибо за терпение.");
    var late = outages.subscribe(o.id(), "+4722334456", "en", null);
    assertThat(late.toCompletionStage().toCompletableFuture().handle((v, e) -> e.getCause() == null ? e : e.getCause())
        .get()).isInstanceOf(org.gridcare.platform.domain.DomainException.class);
  }

  @Test
  void theSameOmsOutageReportedTwiceAtOnceIsOneOutageWithOneNotice() throws Exception {
    OutageService outages = Fixtures.outages(storage.pool(),
        a -> Future.succeededFuture(Fixtures.households(1_300_000, 2)), new MovableClock());
    ReportOutage report = new ReportOutage(Area.ofPostcodes("0160"), "storm", null, null, "oms", "OMS-4711");
    var both = await(Future.all(outages.report(report), outages.report(report)));
    Outage first = both.resultAt(0);
    Outage second = both.resultAt(1);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(campaigns(first.id())).containsExactly("OUTAGE_STARTED");
  }
}
