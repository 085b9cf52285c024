package org.gridcare.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.MeteringPoint;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Phone;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimPhone;
import org.gridcare.pbxsim.engine.Greeting;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Outage calls over the wire: the server's dialler originates through the Asterisk adapter into the simulated PBX,
 * whose {@code cc-notify} context runs AMD on the customer's greeting and then the {@code notify} FastAGI script.
 */
@RealServers
class NotificationCallsTest {

  @Test
  void landlinesInTheAreaAreCalledAndEachOutcomeIsRecordedWithinTheOutboundShare(StorageSettings storage)
      throws Exception {
    // 3 channels, 2 kept for inbound: one notification call at a time; busy and unanswered numbers get 2 attempts
    try (TestCentre centre = TestCentre.start(storage, Map.of(
        "CC_NOTIFICATIONS_VOICE_MAX_CHANNELS", "3", "CC_NOTIFICATIONS_VOICE_RESERVED_FOR_INBOUND", "2",
        "CC_NOTIFICATIONS_VOICE_MAX_ATTEMPTS", "2", "CC_NOTIFICATIONS_VOICE_RETRY_AFTER", "1s",
        "CC_NOTIFICATIONS_VOICE_RING_TIMEOUT", "2s"))) {
      PbxSimulator sim = centre.cc().pbxLink().simulator().orElseThrow();
      String person = "+4722900001";
      String machine = "+4722900002";
      String busy = "+4722900003";
      String away = "+4722900004";
      String hangsUp = "+4722900005";
      Map<String, List<SimCall>> calls = new ConcurrentHashMap<>();
      AtomicInteger inProgress = new AtomicInteger();
      AtomicInteger mostAtOnce = new AtomicInteger();
      for (String number : List.of(person, machine, busy, away, hangsUp)) {
        SimPhone phone = sim.external(number).onRinging(call -> {
          calls.computeIfAbsent(number, n -> new CopyOnWriteArrayList<>()).add(call);
          mostAtOnce.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
          call.awaitState(CallState.HUNG_UP).onComplete(r -> inProgress.decrementAndGet());
        });
        if (number.equals(person)) {
          // the person presses 1 while the message plays, then listens to the repetition to the end
          phone.answeredBy(Greeting.PERSON, Duration.ofMillis(200))
              .onRinging(call -> call.awaitNextPrompt().compose(p -> call.press("1")));
        } else if (number.equals(machine)) {
          phone.answeredBy(Greeting.MACHINE, Duration.ofMillis(200));
        } else if (number.equals(hangsUp)) {
          // picks up and hangs up 300 ms later, while AMD still listens (a person's verdict takes over a second)
          phone.answeredBy(Greeting.PERSON, Duration.ofMillis(200)).onRinging(call -> call.awaitState(CallState.UP)
              .onSuccess(up -> centre.cc().vertx().setTimer(300, t -> call.hangUp())));
        } else if (number.equals(busy)) {
          phone.busy();
        } else {
          phone.noAnswer();
        }
      }
      importCustomers(centre, 9000, List.of(person, machine, busy, away, hangsUp));

      Outage outage = await(centre.cc().notifications().outages().report(new ReportOutage(
          new Area(Set.of(substation(9000)), Set.of(), Set.of()), "a fallen tree", null, null, "oms", "OMS-CALLS-1")));
      Map<String, Row> done = finished(centre, outage);
      for (List<SimCall> made : calls.values()) {
        for (SimCall call : made) {
          await(call.awaitState(CallState.HUNG_UP)); // the script ends the call after the message
        }
      }

      assertThat(done).containsOnlyKeys(person, machine, busy, away, hangsUp);
      assertThat(summary(done.get(person))).isEqualTo("DONE ANSWERED 1");
      assertThat(summary(done.get(hangsUp))).as("answered, but gone before the message: called once more")
          .isEqualTo("FAILED HUNG_UP_BEFORE_MESSAGE 2");
      assertThat(summary(done.get(machine))).isEqualTo("DONE MACHINE 1");
      assertThat(summary(done.get(busy))).isEqualTo("FAILED BUSY 2");
      assertThat(summary(done.get(away))).isEqualTo("FAILED NO_ANSWER 2");

      String message = done.get(person).getString("message");
      assertThat(message).startsWith("This is your electricity company. There is a power outage in your area, "
          + "caused by a fallen tree.");
      String withHint = spoken(centre, message + " Press 1 to hear this message again.");
      assertThat(calls.get(person)).singleElement().satisfies(c -> assertThat(c.prompts())
          .containsExactly(withHint, withHint));
      assertThat(calls.get(machine)).singleElement().satisfies(c -> assertThat(c.prompts())
          .containsExactly(spoken(centre, message)));
      assertThat(calls.get(away)).hasSize(2).allSatisfy(c -> assertThat(c.prompts()).isEmpty());
      assertThat(calls).doesNotContainKey(busy); // a busy line never rings
      assertThat(calls.get(hangsUp)).hasSize(2).allSatisfy(c -> assertThat(c.prompts()).isEmpty());

      assertThat(mostAtOnce.get()).as("notification calls at once (3 channels, 2 kept for inbound)").isEqualTo(1);
      assertThat(journal(centre, "notify.voice.played")).containsExactlyInAnyOrder(
          person + " times=2 machine=false", machine + " times=1 machine=true");
      // an answered call is settled once its channel is gone: its entry may follow the row's final state
      TestCentre.eventually("every attempt journalled", () -> journal(centre, "notify.voice.completed").size() >= 8);
      assertThat(journal(centre, "notify.voice.completed")).hasSize(8).contains(
          person + " ANSWERED final=true", machine + " MACHINE final=true", busy + " BUSY final=false",
          busy + " BUSY final=true", away + " NO_ANSWER final=false", away + " NO_ANSWER final=true",
          hangsUp + " HUNG_UP_BEFORE_MESSAGE final=false", hangsUp + " HUNG_UP_BEFORE_MESSAGE final=true");
    }
  }

  @Test
  void anUrgentOutageAlsoCallsACustomerWhoGetsTheSmsWhenConfigured(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage, Map.of("CC_NOTIFICATIONS_VOICE_URGENT", "true",
        "CC_NOTIFICATIONS_VOICE_MAX_CHANNELS", "3", "CC_NOTIFICATIONS_VOICE_RESERVED_FOR_INBOUND", "2"))) {
      PbxSimulator sim = centre.cc().pbxLink().simulator().orElseThrow();
      String mobile = "+4791900001";
      List<SimCall> rang = new CopyOnWriteArrayList<>();
      sim.external(mobile).answeredBy(Greeting.PERSON, Duration.ofMillis(200)).onRinging(rang::add);
      importCustomers(centre, 9100, List.of(mobile));

      Outage outage = await(centre.cc().notifications().outages().report(new ReportOutage(
          new Area(Set.of(substation(9100)), Set.of(), Set.of()), "lines down", null, null, "oms", "OMS-CALLS-2", true)));
      Map<String, Row> done = finished(centre, outage);

      assertThat(done).containsOnlyKeys(mobile);
      assertThat(summary(done.get(mobile))).isEqualTo("DONE ANSWERED 1");
      assertThat(rang).hasSize(1);
      await(rang.get(0).awaitState(CallState.HUNG_UP));
      assertThat(rang.get(0).prompts()).hasSize(1);
      long sms = await(centre.cc().storage().pool().preparedQuery("SELECT count(*) AS n FROM notify_sms s JOIN "
          + "notify_campaign c ON c.id = s.campaign_id WHERE c.outage_id = $1 AND s.phone = $2")
          .execute(Tuple.of(outage.id(), mobile))).iterator().next().getLong("n");
      assertThat(sms).as("the SMS is queued as well").isEqualTo(1);
    }
  }

  /** The substation the customers numbered from {@code first} are supplied from. */
  private static String substation(int first) {
    return "Notify-" + first;
  }

  /** Customers with one consenting number each, supplied from {@link #substation(int) substation(first)}. */
  private static void importCustomers(TestCentre centre, int first, List<String> numbers) throws Exception {
    Random rnd = new Random(first);
    StringBuilder csv = new StringBuilder(CustomerCsv.header()).append('\n');
    for (int i = 0; i < numbers.size(); i++) {
      Address address = new Address("Skogveien " + (i + 1), "0484", "Oslo",
          new GridLocation("OSLO-NORD", substation(first), substation(first) + "-F1"));
      csv.append(CustomerCsv.line(new CustomerDraft(CustomerKind.PRIVATE, "Customer " + (first + i),
          new PartyIdentity(CustomerKind.PRIVATE, SampleCustomers.nationalId(rnd)),
          List.of(new Phone(numbers.get(i), numbers.get(i).startsWith("+479"), true)), address,
          List.of(new MeteringPoint(SampleCustomers.gsrn(first + i, 0), "M" + (first + i), address))))).append('\n');
    }
    var report = await(centre.cc().crm().importCustomers(csv.toString(), n -> { }));
    assertThat(report.errors()).isEmpty();
    assertThat(report.imported()).isEqualTo(numbers.size());
  }

  /** The calls of the outage by number, once none is pending or in progress. */
  private static Map<String, Row> finished(TestCentre centre, Outage outage) throws Exception {
    CompletableFuture<Map<String, Row>> done = new CompletableFuture<>();
    var vertx = centre.cc().vertx();
    vertx.setPeriodic(200, id -> centre.cc().storage().pool().preparedQuery("SELECT v.phone, v.state, v.outcome, "
            + "v.attempts, v.message FROM notify_call v JOIN notify_campaign c ON c.id = v.campaign_id "
            + "WHERE c.outage_id = $1").execute(Tuple.of(outage.id()))
        .onSuccess(rows -> {
          Map<String, Row> byPhone = new HashMap<>();
          boolean open = false;
          for (Row r : rows) {
            open |= Set.of("PENDING", "CALLING").contains(r.getString("state"));
            byPhone.put(r.getString("phone"), r);
          }
          if (!byPhone.isEmpty() && !open && done.complete(byPhone)) {
            vertx.cancelTimer(id);
          }
        }));
    return done.get(180, TimeUnit.SECONDS);
  }

  private static String summary(Row call) {
    return call.getString("state") + " " + call.getString("outcome") + " " + call.getInteger("attempts");
  }

  /** The sound file the server plays for a text, as the PBX names it. */
  private static String spoken(TestCentre centre, String text) {
    try {
      String wav = await(centre.cc().ivr().speech().render("en", text)).toString();
      return wav.endsWith(".wav") ? wav.substring(0, wav.length() - 4) : wav;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> journal(TestCentre centre, String type) throws Exception {
    List<String> out = new ArrayList<>();
    for (Row r : await(centre.cc().storage().pool().preparedQuery("SELECT phone, data FROM journal WHERE type = $1 "
        + "AND phone LIKE '+47229000%' ORDER BY id").execute(Tuple.of(type)))) {
      var data = r.getJsonObject("data");
      out.add(r.getString("phone") + (type.endsWith("played")
          ? " times=" + data.getInteger("times") + " machine=" + data.getBoolean("machine")
          : " " + data.getString("outcome") + " final=" + data.getBoolean("final")));
    }
    return out;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
