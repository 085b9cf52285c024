package org.gridcare.crm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.gridcare.crm.bench.ScreenPopBench;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.CustomerCard;
import org.gridcare.crm.domain.Interaction;
import org.gridcare.crm.domain.Interaction.Outcome;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.crm.pg.PgSampleData;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class ScreenPopTest {
  static CrmTestBed bed;
  static Customer anna;
  static Vertx vertx;
  static final List<String> identified = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void load(Vertx v, StorageSettings settings) throws Exception {
    vertx = v;
    bed = CrmTestBed.start(v, settings, false);
    ok(PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, 30, 3));
    anna = ok(bed.customers.byNumber("C100004")).orElseThrow();
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  @Test
  void theCardShowsTheCustomerOpenTicketsLastCallsAndTheOutageInTheirArea() throws Exception {
    var open = ok(bed.ticketService.open(new TicketDraft(anna.id(), TicketTopic.OUTAGE, "Dark since morning", null, null,
        null, null, TicketSource.OPERATOR, null, "op1001")));
    var done = ok(bed.ticketService.open(new TicketDraft(anna.id(), TicketTopic.BILLING, "Invoice", null, null, null,
        null, TicketSource.OPERATOR, null, "op1001")));
    ok(bed.ticketService.transition(done.id(), null, "op1001", TicketStatus.RESOLVED, null));
    ok(bed.interactions.begin(new Interaction("old-call", anna.id(), anna.phones().get(0).e164(), Interaction.Direction.INBOUND,
        List.of("menu", "outage"), 1, "op1002", Instant.now().minusSeconds(3600), null, null, Outcome.IN_PROGRESS)));
    CustomerCard.ActiveOutage outage = new CustomerCard.ActiveOutage("o-1", "unplanned", "Feeder fault", Instant.now(), null);
    OutageLookup lookup = loc -> Future.succeededFuture(loc.area().equals(anna.address().grid().area())
        ? Optional.of(outage) : Optional.empty());

    String caller = anna.phones().get(0).e164().substring(3);
    ok(bed.interactions.begin(new Interaction("call-42", null, anna.phones().get(0).e164(), Interaction.Direction.INBOUND,
        List.of(), null, null, Instant.now(), null, null, Outcome.IN_PROGRESS)));
    CustomerCard card = ok(bed.screenPop(lookup).offered("call-42", caller));

    assertThat(card.customer()).map(Customer::number).contains(anna.number());
    assertThat(card.customer().get().identityMasked()).startsWith("*******");
    assertThat(card.callerMasked()).doesNotContain(caller.substring(0, 6));
    assertThat(card.openTickets()).extracting(t -> t.id()).containsExactly(open.id());
    assertThat(card.lastInteractions()).extracting(Interaction::callId).contains("old-call");
    assertThat(card.outage()).contains(outage);
    assertThat(ok(bed.interactions.byCall("call-42")).orElseThrow().customerId()).isEqualTo(anna.id());
  }

  @Test
  void anUnknownCallerGetsAnEmptyCard() throws Exception {
    CustomerCard card = ok(bed.screenPop(OutageLookup.NONE).card("+4741000000"));
    assertThat(card.customer()).isEmpty();
    assertThat(card.openTickets()).isEmpty();
    assertThat(ok(bed.screenPop(OutageLookup.NONE).card("anonymous")).customer()).isEmpty();
  }

  @Test
  void aSlowOutageSystemDoesNotHoldTheCardBack() throws Exception {
    OutageLookup never = loc -> Promise.<Optional<CustomerCard.ActiveOutage>>promise().future();
    long start = System.nanoTime();
    CustomerCard card = ok(bed.screenPop(never).card(anna.phones().get(0).e164()));
    assertThat(card.customer()).isPresent();
    assertThat(card.outage()).isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
  }

  @Test
  void theWarmCardIsBuiltWellWithinTheHundredMillisecondBudget() throws Exception {
    ScreenPop pop = bed.screenPop(OutageLookup.NONE);
    String phone = anna.phones().get(0).e164();
    for (int i = 0; i < 20; i++) {
      ok(pop.card(phone));
    }
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long t0 = System.nanoTime();
      ok(pop.card(phone));
      micros.add((System.nanoTime() - t0) / 1000);
    }
    Collections.sort(micros);
    // Generous: the machine is shared; the real p99 under load is measured by `bench screenpop`.
    assertThat(micros.get(micros.size() / 2)).as("median card build, µs").isLessThan(100_000);
  }

  @Test
  void theBenchOffersCallsAtASteadyRateAndReportsP99() throws Exception {
    JsonObject result = ok(ScreenPopBench.run(vertx, bed.screenPop(OutageLookup.NONE), SampleCustomers.generate(30, 3),
        50, 50));
    assertThat(result.getInteger("offers")).isEqualTo(50);
    assertThat(result.getInteger("failed")).isZero();
    assertThat(result.getDouble("p99_ms")).isGreaterThanOrEqualTo(result.getDouble("p50_ms"));
  }

  @Test
  void callHistoryRecordsAnAnsweredInboundCallFromPbxEvents() throws Exception {
    CallHistory history = new CallHistory(bed.interactions, bed.directory, bed.phones, Map.of("PJSIP/op1001", "op1001"),
        (call, customer) -> identified.add(call + ":" + customer));
    CallId call = new CallId("call-77");
    ChannelId caller = new ChannelId("c-1");
    ChannelId operator = new ChannelId("c-2");
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    String number = anna.phones().get(0).e164();
    List<PbxEvent> events = List.of(
        new PbxEvent.ChannelCreated(t0, new Channel(caller, call, "PJSIP/trunk", ChannelState.RINGING, number, null, null,
            null, t0)),
        new PbxEvent.CallArrived(t0, call, caller, number, "80012345"),
        new PbxEvent.ChannelCreated(t0.plusSeconds(30), new Channel(operator, call, "PJSIP/op1001", ChannelState.RINGING,
            null, null, null, null, t0.plusSeconds(30))),
        new PbxEvent.ChannelsBridged(t0.plusSeconds(35), call, operator, "b1", List.of(caller, operator)),
        new PbxEvent.ChannelHungUp(t0.plusSeconds(200), call, operator, HangupCause.NORMAL_CLEARING),
        new PbxEvent.ChannelHungUp(t0.plusSeconds(200), call, caller, HangupCause.NORMAL_CLEARING));
    Future<Void> chain = Future.succeededFuture();
    for (PbxEvent e : events) {
      chain = chain.compose(v -> history.on(e));
      if (e instanceof PbxEvent.CallArrived) {
        chain = chain.compose(v -> history.ivrStep("call-77", "main")).compose(v -> history.queued("call-77", 1));
      }
    }
    ok(chain);
    Interaction i = ok(bed.interactions.byCall("call-77")).orElseThrow();
    assertThat(i.customerId()).isEqualTo(anna.id());
    assertThat(identified).contains("call-77:" + anna.id());
    assertThat(i.direction()).isEqualTo(Interaction.Direction.INBOUND);
    assertThat(i.operator()).isEqualTo("op1001");
    assertThat(i.ivrPath()).containsExactly("main");
    assertThat(i.line()).isEqualTo(1);
    assertThat(i.answeredAt()).isEqualTo(t0.plusSeconds(35));
    assertThat(i.endedAt()).isEqualTo(t0.plusSeconds(200));
    assertThat(i.outcome()).isEqualTo(Outcome.ANSWERED);
  }

  @Test
  void anAcdLegIsNotACallOfItsOwnAndClickToCallIsAnOutboundInteraction() throws Exception {
    CallHistory history = new CallHistory(bed.interactions, bed.directory, bed.phones, Map.of("PJSIP/op1001", "op1001"),
        (call, customer) -> identified.add(call + ":" + customer));
    Instant t0 = Instant.parse("2026-11-25T11:00:00Z");
    CallId caller = new CallId("call-acd");
    CallId leg = new CallId("leg-acd");
    ChannelId callerCh = new ChannelId("acd-c");
    ChannelId opCh = new ChannelId("acd-o");
    ok(history.on(new PbxEvent.CallArrived(t0, caller, callerCh, "+4741000001", "800")));
    ok(history.on(new PbxEvent.ChannelCreated(t0, new Channel(opCh, leg, "PJSIP/op1001", ChannelState.RINGING, null,
        null, null, null, t0))));
    ok(history.on(new PbxEvent.ChannelsBridged(t0.plusSeconds(3), leg, opCh, "b", List.of(callerCh, opCh))));
    ok(history.on(new PbxEvent.ChannelsBridged(t0.plusSeconds(3), caller, callerCh, "b", List.of(callerCh, opCh))));
    ok(history.on(new PbxEvent.ChannelHungUp(t0.plusSeconds(60), leg, opCh, HangupCause.NORMAL_CLEARING)));
    ok(history.on(new PbxEvent.ChannelHungUp(t0.plusSeconds(60), caller, callerCh, HangupCause.NORMAL_CLEARING)));
    assertThat(ok(bed.interactions.byCall("leg-acd"))).isEmpty();
    Interaction in = ok(bed.interactions.byCall("call-acd")).orElseThrow();
    assertThat(in.operator()).isEqualTo("op1001");
    assertThat(in.outcome()).isEqualTo(Outcome.ANSWERED);

    CallId out = new CallId("call-c2c");
    ChannelId outOp = new ChannelId("c2c-o");
    ChannelId trunk = new ChannelId("c2c-t");
    ok(history.on(new PbxEvent.ChannelCreated(t0, new Channel(outOp, out, "PJSIP/op1001", ChannelState.UP, null, null,
        anna.phones().get(0).e164(), null, t0))));
    ok(history.on(new PbxEvent.ChannelCreated(t0, new Channel(trunk, out, "PJSIP/trunk", ChannelState.UP, null, null,
        null, null, t0))));
    ok(history.on(new PbxEvent.ChannelsBridged(t0.plusSeconds(8), out, trunk, "b2", List.of(outOp, trunk))));
    ok(history.on(new PbxEvent.ChannelHungUp(t0.plusSeconds(90), out, outOp, HangupCause.NORMAL_CLEARING)));
    Interaction o = ok(bed.interactions.byCall("call-c2c")).orElseThrow();
    assertThat(o.direction()).isEqualTo(Interaction.Direction.OUTBOUND);
    assertThat(o.customerId()).isEqualTo(anna.id());
    assertThat(o.answeredAt()).isEqualTo(t0.plusSeconds(8));
    assertThat(o.endedAt()).isEqualTo(t0.plusSeconds(90));
    assertThat(o.outcome()).isEqualTo(Outcome.ANSWERED);
  }

  @Test
  void aCallerWhoHangsUpBeforeAnOperatorAnswersIsAbandonedUnlessTheIvrServedThem() throws Exception {
    CallHistory history = new CallHistory(bed.interactions, bed.directory, bed.phones, Map.of(), (call, customer) -> { });
    Instant t0 = Instant.now();
    for (String id : List.of("call-a", "call-b")) {
      ok(history.on(new PbxEvent.CallArrived(t0, new CallId(id), new ChannelId(id + "-ch"), "+4741000000", "800")));
    }
    ok(history.outcome("call-b", Outcome.SELF_SERVICE));
    for (String id : List.of("call-a", "call-b")) {
      ok(history.on(new PbxEvent.ChannelHungUp(t0.plusSeconds(40), new CallId(id), new ChannelId(id + "-ch"),
          HangupCause.NORMAL_CLEARING)));
    }
    assertThat(ok(bed.interactions.byCall("call-a")).orElseThrow().outcome()).isEqualTo(Outcome.ABANDONED);
    assertThat(ok(bed.interactions.byCall("call-b")).orElseThrow().outcome()).isEqualTo(Outcome.SELF_SERVICE);
  }
}
