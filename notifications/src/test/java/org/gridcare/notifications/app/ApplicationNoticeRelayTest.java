package org.gridcare.notifications.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Segment;
import org.gridcare.notifications.pg.PgApplicationNotices;
import org.gridcare.notifications.pg.PgOptOuts;
import org.gridcare.notifications.testing.Fixtures;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay of the CRM's journalled stage changes into the SMS outbox and the call list, on real PostgreSQL: once per
 * change whatever is replayed or runs twice, on the customer's mobile else by a call, opt-outs respected.
 */
@RealServers
class ApplicationNoticeRelayTest {
  static final String MOBILE_CUSTOMER = "501";
  static final String LANDLINE_CUSTOMER = "502";
  static final String OPTED_OUT_CUSTOMER = "503";
  static Storage storage;
  static Vertx vertx;

  @BeforeAll
  static void start(Vertx v, StorageSettings settings) throws Exception {
    vertx = v;
    storage = await(Storage.start(vertx, settings));
    await(new PgOptOuts(storage.pool()).optOut("+4791000503", "sms-stop"));
  }

  @AfterAll
  static void stop() throws Exception {
    await(storage.close());
  }

  static Applicants crm() {
    return Fixtures.applicants(Map.of(
        MOBILE_CUSTOMER, List.of(number(MOBILE_CUSTOMER, "+4722000501"), number(MOBILE_CUSTOMER, "+4791000501")),
        LANDLINE_CUSTOMER, List.of(number(LANDLINE_CUSTOMER, "+4722000502")),
        OPTED_OUT_CUSTOMER, List.of(number(OPTED_OUT_CUSTOMER, "+4791000503"))));
  }

  static Candidate number(String customer, String phone) {
    return new Candidate(customer, null, phone, null, false, Segment.HOUSEHOLD);
  }

  static ApplicationNoticeRelay relay(Applicants applicants) {
    return new ApplicationNoticeRelay(vertx, new PgApplicationNotices(storage.pool(), Clock.systemUTC()), applicants,
        new PgOptOuts(storage.pool()), Fixtures.targeting(), Fixtures.templates());
  }

  @Test
  void aStageChangeIsSentOnceToTheMobileAndAReplayOfTheJournalSendsNothingMore() throws Exception {
    advanced("A000101", "site-survey", MOBILE_CUSTOMER, Instant.now());
    ApplicationNoticeRelay relay = relay(crm());

    await(relay.relay());
    assertThat(sms("A000101")).containsExactly(
        "+4791000501 Your grid connection application A000101 has moved on: site survey.");

    // the cursor lost (a restored backup) and the CRM's entry journalled twice: still one message
    await(storage.pool().query("UPDATE notify_relay_cursor SET last_id = 0").execute());
    advanced("A000101", "site-survey", MOBILE_CUSTOMER, Instant.now());
    await(relay.relay());
    assertThat(sms("A000101")).hasSize(1);
    assertThat(journal("notify.application.queued", "A000101")).containsExactly("site-survey SMS +4791000501");

    advanced("A000101", "supply-plan", MOBILE_CUSTOMER, Instant.now());
    await(relay.relay());
    assertThat(sms("A000101")).hasSize(2).last().asString().endsWith("has moved on: supply plan.");
  }

  @Test
  void twoRelaysHandlingTheSameChangesAtOnceStoreEachNoticeOnce() throws Exception {
    for (int i = 0; i < 5; i++) {
      advanced("A00020" + i, "design-review", MOBILE_CUSTOMER, Instant.now());
    }
    // Both relays have read the pending changes before either stores its notices.
    Promise<Void> bothRead = Promise.promise();
    AtomicBoolean firstRead = new AtomicBoolean();
    AtomicBoolean secondRead = new AtomicBoolean();
    Future<Integer> first = relay(gated(crm(), firstRead, secondRead, bothRead)).relay();
    Future<Integer> second = relay(gated(crm(), secondRead, firstRead, bothRead)).relay();
    await(Future.all(first, second));

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.addAll(sms("A00020" + i));
    }
    assertThat(sent).hasSize(5);
    assertThat(first.result() + second.result()).as("new notices stored by the two relays together")
        .isGreaterThanOrEqualTo(5);
    long campaigns = await(storage.pool().query("SELECT count(*) AS n FROM notify_campaign "
        + "WHERE application LIKE 'A00020%'").execute()).iterator().next().getLong("n");
    assertThat(campaigns).isEqualTo(5);
  }

  @Test
  void aCustomerWithoutAMobileIsCalledAndOneWhoOptedOutIsNotReachedWhichIsJournalledOnce() throws Exception {
    advanced("A000301", "contract-and-fees", LANDLINE_CUSTOMER, Instant.now());
    advanced("A000302", "contract-and-fees", OPTED_OUT_CUSTOMER, Instant.now());
    ApplicationNoticeRelay relay = relay(crm());

    await(relay.relay());
    await(relay.relay());

    List<Row> calls = rows("SELECT v.phone, v.message FROM notify_call v JOIN notify_campaign c ON c.id = v.campaign_id "
        + "WHERE c.application = $1", "A000301");
    assertThat(calls).singleElement().satisfies(r -> {
      assertThat(r.getString("phone")).isEqualTo("+4722000502");
      assertThat(r.getString("message")).isEqualTo("This is your electricity company. Your grid connection application "
          + "A000301 has moved on to the next stage: contract and connection fee.");
    });
    assertThat(sms("A000301")).isEmpty();
    assertThat(sms("A000302")).isEmpty();
    assertThat(rows("SELECT v.id FROM notify_call v JOIN notify_campaign c ON c.id = v.campaign_id "
        + "WHERE c.application = $1", "A000302")).isEmpty();
    assertThat(journal("notify.application.unreached", "A000302")).containsExactly("contract-and-fees OPTED_OUT");
    PgApplicationNotices notices = new PgApplicationNotices(storage.pool(), Clock.systemUTC());
    assertThat(await(notices.notices("A000301"))).singleElement()
        .satisfies(n -> assertThat(n.stage() + " " + n.channel() + " " + n.state()).isEqualTo("contract-and-fees VOICE PENDING"));
    assertThat(await(notices.notices("A000302"))).singleElement().satisfies(n -> {
      assertThat(n.channel()).isNull();
      assertThat(n.state()).isEqualTo("UNREACHED");
      assertThat(n.unreachedBecause()).containsExactly("OPTED_OUT");
    });
  }

  @Test
  void aChangeCommittedAfterALaterOneWasRelayedIsStillToldButOldHistoryIsNotReadAgain() throws Exception {
    advanced("A000401", "archived", MOBILE_CUSTOMER, Instant.now().minus(Duration.ofHours(2)));
    advanced("A000402", "energised", MOBILE_CUSTOMER, Instant.now());
    // a later entry was relayed first: the cursor is past both
    await(storage.pool().query("UPDATE notify_relay_cursor SET last_id = (SELECT max(id) + 10 FROM journal)").execute());

    await(relay(crm()).relay());

    assertThat(sms("A000402")).as("committed within the last minute").hasSize(1);
    assertThat(sms("A000401")).as("behind the cursor and older than a minute").isEmpty();
  }

  /** Lets the relay read the CRM only once the other relay has read it too. */
  static Applicants gated(Applicants crm, AtomicBoolean mine, AtomicBoolean other, Promise<Void> both) {
    return new Applicants() {
      @Override
      public Future<List<Candidate>> numbers(String customerId) {
        mine.set(true);
        if (other.get()) {
          both.tryComplete();
        }
        return both.future().compose(v -> crm.numbers(customerId));
      }

      @Override
      public Set<String> stages() {
        return crm.stages();
      }
    };
  }

  static void advanced(String application, String stage, String customer, Instant at) throws Exception {
    await(storage.journal().append(JournalEntry.of("crm.application.advanced").at(at).customer(customer)
        .operator("op1").data(Map.of("application", application, "stage", stage))));
  }

  static List<String> sms(String application) throws Exception {
    List<String> out = new ArrayList<>();
    rows("SELECT s.phone, s.body FROM notify_sms s JOIN notify_campaign c ON c.id = s.campaign_id "
        + "WHERE c.application = $1 ORDER BY s.id", application)
        .forEach(r -> out.add(r.getString("phone") + " " + r.getString("body")));
    return out;
  }

  static List<String> journal(String type, String application) throws Exception {
    List<String> out = new ArrayList<>();
    rows("SELECT phone, data FROM journal WHERE type = '" + type + "' AND data->>'application' = $1 ORDER BY id",
        application).forEach(r -> {
          var d = r.getJsonObject("data");
          out.add(d.getString("stage") + " " + (d.containsKey("channel")
              ? d.getString("channel") + " " + r.getString("phone")
              : String.join(",", d.getJsonObject("excluded").fieldNames())));
        });
    return out;
  }

  static List<Row> rows(String sql, String arg) throws Exception {
    List<Row> out = new ArrayList<>();
    await(storage.pool().preparedQuery(sql).execute(Tuple.of(arg))).forEach(out::add);
    return out;
  }
}
