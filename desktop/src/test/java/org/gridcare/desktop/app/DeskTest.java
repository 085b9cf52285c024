package org.gridcare.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gridcare.desktop.domain.DeskCall;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbx.domain.PbxStatus;
import org.gridcare.pbx.domain.SpyMode;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.platform.journal.JournalEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The desktop's use cases over hand-written fakes of the PBX, the ACD and the CRM. */
class DeskTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Channel CALLER = new Channel(new ChannelId("c-1"), new CallId("call-1"), "PJSIP/trunk",
      ChannelState.UP, "+4791234567", null, null, DialplanTarget.of("cc-wait"), NOW);
  private static final Channel SOFTPHONE = new Channel(new ChannelId("o-1"), new CallId("leg-1"), "PJSIP/op1001",
      ChannelState.UP, null, null, null, DialplanTarget.of("cc-operator"), NOW);

  private Vertx vertx;
  private final ChannelsPbx pbx = new ChannelsPbx();
  private final Map<String, DeskOperator> operators = new HashMap<>();
  private final List<String> transfers = new ArrayList<>();
  private final List<JournalEntry> journal = new CopyOnWriteArrayList<>();
  private final MemoryLog log = new MemoryLog();
  private final MemoryStates states = new MemoryStates();
  private AcdDesk acd;
  private CrmDesk crm;
  private CallFacts facts;
  private Desk desk;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    acd = new AcdDesk() {
      @Override
      public Future<DeskOperator> operator(String id) {
        return Optional.ofNullable(operators.get(id)).map(Future::succeededFuture)
            .orElse(Future.failedFuture(DomainException.notFound("no-such-operator", id)));
      }

      @Override
      public Future<Integer> transfer(String callId, String topic, String ticketId, String by) {
        transfers.add(callId + " " + topic + " " + ticketId + " " + by);
        return Future.succeededFuture(2);
      }

      @Override
      public Future<Void> release(String callId, String by) {
        transfers.add("released " + callId + " by " + by);
        return Future.succeededFuture();
      }
    };
    crm = new CrmDesk() {
      @Override
      public Future<JsonObject> card(String callId, String rawCaller) {
        return Future.succeededFuture(new JsonObject().put("known", true).put("caller", "+47 *** ** 567"));
      }

      @Override
      public Future<Void> addNote(long ticketId, Actor actor, String body) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> linkCall(long ticketId, String callId, String actor) {
        return Future.succeededFuture();
      }

      @Override
      public Set<String> ticketTopics() {
        return Set.of("outage");
      }

      @Override
      public Future<JsonObject> openTicket(Actor actor, String topic, String subject, Long customerId, String callId,
          Integer line) {
        return Future.failedFuture("not used here");
      }
    };
    facts = callId -> Future.succeededFuture(new CallFacts.Facts(List.of("welcome"), "outage", 1, null));
    desk = newDesk();
  }

  /** A desk over the fakes and the kept state, as a (re)started server builds it. */
  private Desk newDesk() {
    return new Desk(vertx, pbx, acd, crm, "main"::equals, log, facts, e -> {
      journal.add(e);
      return Future.succeededFuture();
    }, new PhoneNumbers("NO"), Map.of(), List.of(new Desk.Topic("outage", "Outage", 1), new Desk.Topic("metering", "Meters", 2)),
        Set.of("PJSIP/op1001"), states, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    vertx.close();
  }

  private void onCall() {
    operators.put("op1001", new DeskOperator("op1001", "Anna", "on-call", "ready", null, "PJSIP/op1001", "call-1", NOW,
        null, List.of(1)));
    pbx.channels = List.of(CALLER, SOFTPHONE);
  }

  @Test
  void aRestartedDeskCarriesOnWithTheConsultationAndTheTransferBegunBeforeIt() throws Exception {
    onCall();
    pbx.answer = new OriginateResult(OriginateResult.Outcome.ANSWERED, new ChannelId("x-1"), new CallId("pbx-x"));
    await(desk.handOver("op1001", new Desk.Destination(null, "912 34 567", null), true));
    assertThat(states.entries).containsOnlyKeys("consult:op1001");
    pbx.channels = List.of(CALLER, SOFTPHONE, new Channel(new ChannelId("x-1"), new CallId("pbx-x"), "PJSIP/trunk",
        ChannelState.UP, null, null, null, DialplanTarget.of("cc-consult"), NOW));

    desk = newDesk(); // the server restarted
    await(desk.start());
    assertThat(await(desk.session("op1001")).getJsonObject("call").getString("state")).isEqualTo("consulting");
    assertThat(await(desk.completeTransfer("op1001", null)).getString("state")).isEqualTo("transferred");
    assertThat(pbx.commands).endsWith("bridge c-1 x-1", "hangUp o-1");
    assertThat(journal.get(journal.size() - 1).phone()).isEqualTo("+4791234567");
    assertThat(states.entries).containsOnlyKeys("partner:c-1", "partner:x-1");

    // down again; meanwhile the outside party hangs up: the restarted desk hangs up the caller they were talking to
    pbx.channels = List.of(CALLER);
    desk = newDesk();
    await(desk.start());
    assertThat(pbx.commands).endsWith("hangUp c-1");
    assertThat(states.entries).isEmpty();
  }

  @Test
  void holdSendsTheCallerToMusicAndResumeBridgesThemBack() throws Exception {
    onCall();
    assertThat(await(desk.hold("op1001")).getString("state")).isEqualTo("held");
    assertThat(await(desk.resume("op1001")).getString("state")).isEqualTo("talking");
    assertThat(pbx.commands).containsExactly("redirect c-1 cc-hold", "bridge c-1 o-1");
    assertThat(journal).extracting(JournalEntry::type).containsExactly("desktop.call.held", "desktop.call.resumed");
  }

  @Test
  void anAttendedTransferHoldsTheCallerUntilCompletedThenRequeuesWithTheTicket() throws Exception {
    onCall();
    assertThat(await(desk.transfer("op1001", "metering", "42", true)).getString("state")).isEqualTo("consulting");
    assertThat(transfers).isEmpty();
    JsonObject done = await(desk.completeTransfer("op1001", null));
    assertThat(done.getInteger("line")).isEqualTo(2);
    assertThat(transfers).containsExactly("call-1 metering 42 op1001");
    assertThat(pbx.commands).containsExactly("redirect c-1 cc-hold");
    assertThat(failure(desk.completeTransfer("op1001", null)).id()).isEqualTo("no-transfer");
  }

  @Test
  void aFailedTransferSaysWhy() throws Exception {
    onCall();
    DomainException unknown = failure(desk.transfer("op1001", "weather", null, false));
    assertThat(unknown.id()).isEqualTo("unknown-topic");
    assertThat(unknown.getMessage()).contains("weather").contains("[metering, outage]");
    operators.put("op1001", new DeskOperator("op1001", "Anna", "ready", "ready", null, "PJSIP/op1001", null, NOW, null,
        List.of(1)));
    assertThat(failure(desk.transfer("op1001", "metering", null, false)).getMessage())
        .isEqualTo("You are not in a conversation (ready)");
    onCall();
    pbx.channels = List.of(SOFTPHONE);
    assertThat(failure(desk.transfer("op1001", "metering", null, true)).getMessage()).isEqualTo("The caller has hung up");
    assertThat(transfers).isEmpty();
  }

  private void colleague(String state) {
    operators.put("op1002", new DeskOperator("op1002", "Boris", state, state, null, "PJSIP/op1002", null, NOW, null,
        List.of(1)));
  }

  @Test
  void aBlindTransferToAColleagueConnectsTheCallerWhenTheyAnswerAndReleasesTheCall() throws Exception {
    onCall();
    colleague("not-ready");
    pbx.answer = new OriginateResult(OriginateResult.Outcome.ANSWERED, new ChannelId("t-1"), new CallId("pbx-t"));
    JsonObject done = await(desk.handOver("op1001", new Desk.Destination("op1002", null, null), false));
    assertThat(done.getString("state")).isEqualTo("transferred");
    assertThat(pbx.originated.get(0).endpoint()).isEqualTo(Endpoint.device("PJSIP/op1002"));
    assertThat(pbx.originated.get(0).target().context()).isEqualTo("cc-consult");
    assertThat(pbx.commands).containsExactly("redirect c-1 cc-hold", "bridge c-1 t-1", "hangUp o-1");
    assertThat(transfers).containsExactly("released call-1 by op1001");
    assertThat(journal).extracting(JournalEntry::type).containsExactly("desktop.transfer.started", "desktop.call.transferred");
    assertThat(journal.get(1).data()).containsEntry("operator", "op1002");
  }

  @Test
  void anAttendedTransferToAnOutsideNumberConsultsFirstAndCancellingConnectsTheCallerBack() throws Exception {
    onCall();
    pbx.answer = new OriginateResult(OriginateResult.Outcome.ANSWERED, new ChannelId("x-1"), new CallId("pbx-x"));
    JsonObject consulting = await(desk.handOver("op1001", new Desk.Destination(null, "912 34 567", null), true));
    assertThat(consulting.getString("state")).isEqualTo("consulting");
    assertThat(pbx.originated.get(0).endpoint()).isEqualTo(Endpoint.external("+4791234567"));
    assertThat(pbx.commands).containsExactly("redirect c-1 cc-hold", "bridge o-1 x-1");
    assertThat(await(desk.session("op1001")).getJsonObject("call").getString("state")).isEqualTo("consulting");

    assertThat(await(desk.cancelTransfer("op1001")).getString("state")).isEqualTo("talking");
    assertThat(pbx.commands).endsWith("hangUp x-1", "bridge c-1 o-1");
    assertThat(transfers).isEmpty();

    await(desk.handOver("op1001", new Desk.Destination(null, "912 34 567", null), true));
    assertThat(await(desk.completeTransfer("op1001", null)).getString("state")).isEqualTo("transferred");
    assertThat(pbx.commands).endsWith("bridge c-1 x-1", "hangUp o-1");
    assertThat(transfers).containsExactly("released call-1 by op1001");
    assertThat(journal.get(journal.size() - 1).phone()).isEqualTo("+4791234567");
  }

  @Test
  void aTransferNobodyAnswersBringsTheCallerBackAndSaysWhy() throws Exception {
    onCall();
    colleague("ready");
    assertThat(failure(desk.handOver("op1001", new Desk.Destination("op1002", null, null), false)).getMessage())
        .isEqualTo("Boris cannot take a transfer now (ready): a colleague must be logged in and not ready");
    colleague("not-ready");
    pbx.answer = OriginateResult.failed(OriginateResult.Outcome.BUSY);
    DomainException busy = failure(desk.handOver("op1001", new Desk.Destination("op1002", null, null), false));
    assertThat(busy.id()).isEqualTo("transfer-not-answered");
    assertThat(busy.getMessage()).isEqualTo("op1002 did not answer (busy); the caller is back with you");
    assertThat(pbx.commands).containsExactly("redirect c-1 cc-hold", "bridge c-1 o-1");
    assertThat(failure(desk.handOver("op1001", new Desk.Destination("op1001", null, null), false)).id())
        .isEqualTo("transfer-to-self");
    assertThat(failure(desk.handOver("op1001", new Desk.Destination("op1002", "912 34 567", null), false)).id())
        .isEqualTo("one-destination");
    assertThat(transfers).isEmpty();
  }

  @Test
  void backToTheIvrSendsTheCallerToTheNodeTheMenuHas() throws Exception {
    onCall();
    assertThat(failure(desk.handOver("op1001", new Desk.Destination(null, null, "nowhere"), false)).id())
        .isEqualTo("unknown-ivr-node");
    assertThat(failure(desk.handOver("op1001", new Desk.Destination(null, null, "main"), true)).id())
        .isEqualTo("attended-ivr");
    assertThat(await(desk.handOver("op1001", new Desk.Destination(null, null, "main"), false)).getString("state"))
        .isEqualTo("transferred");
    assertThat(pbx.commands).containsExactly("set c-1 CC_IVR_NODE=main", "redirect c-1 cc-ivr-node", "hangUp o-1");
    assertThat(transfers).containsExactly("released call-1 by op1001");
    assertThat(journal.get(0).data()).containsEntry("ivrNode", "main");
  }

  @Test
  void aConferenceRingsThePartyThenMovesCallerAndOperatorIntoTheRoom() throws Exception {
    onCall();
    pbx.answer = OriginateResult.failed(OriginateResult.Outcome.NO_ANSWER);
    assertThat(failure(desk.conference("op1001", new Desk.Destination(null, "912 34 567", null))).getMessage())
        .isEqualTo(org.gridcare.platform.domain.Masking.phone("+4791234567")
            + " did not answer (no answer); nothing changed on your call");
    assertThat(pbx.commands).isEmpty();

    pbx.answer = new OriginateResult(OriginateResult.Outcome.ANSWERED, new ChannelId("x-1"), new CallId("pbx-x"));
    JsonObject conf = await(desk.conference("op1001", new Desk.Destination(null, "912 34 567", null)));
    assertThat(conf.getString("state")).isEqualTo("conference");
    assertThat(pbx.originated.get(1).target().context()).isEqualTo("cc-conference");
    assertThat(pbx.originated.get(1).variables()).containsEntry("CC_CONF_ROOM", "conf-call-1");
    assertThat(pbx.commands).containsExactly("set c-1 CC_CONF_ROOM=conf-call-1", "set o-1 CC_CONF_ROOM=conf-call-1",
        "redirectBoth c-1 o-1");
    assertThat(failure(desk.hold("op1001")).id()).isEqualTo("in-conference");
    assertThat(await(desk.session("op1001")).getJsonObject("call").getString("state")).isEqualTo("conference");
    assertThat(journal.get(0).type()).isEqualTo("desktop.call.conferenced");
    assertThat(journal.get(0).data()).containsEntry("parties", 3);
    assertThat(transfers).as("the call stays the ACD's").isEmpty();
  }

  @Test
  void aSecondCallHoldsTheCallerAndSwitchingSwapsWhoHolds() throws Exception {
    onCall();
    pbx.answer = new OriginateResult(OriginateResult.Outcome.ANSWERED, new ChannelId("x-1"), new CallId("pbx-x"));
    JsonObject two = await(desk.secondCall("op1001", new Desk.Destination(null, "912 34 567", null)));
    assertThat(two.getString("state")).isEqualTo("held");
    assertThat(two.getJsonObject("second").getString("state")).isEqualTo("talking");
    assertThat(pbx.commands).containsExactly("redirect c-1 cc-hold", "bridge o-1 x-1");
    assertThat(failure(desk.secondCall("op1001", new Desk.Destination(null, "912 34 568", null))).id())
        .isEqualTo("line-busy");

    JsonObject back = await(desk.switchCalls("op1001"));
    assertThat(back.getString("state")).isEqualTo("talking");
    assertThat(back.getJsonObject("second").getString("state")).isEqualTo("held");
    assertThat(pbx.commands).endsWith("redirect x-1 cc-hold", "bridge c-1 o-1");
    assertThat(await(desk.switchCalls("op1001")).getJsonObject("second").getString("state")).isEqualTo("talking");
    assertThat(pbx.commands).endsWith("redirect c-1 cc-hold", "bridge x-1 o-1");
    assertThat(await(desk.session("op1001")).getJsonObject("call").getJsonObject("second").getString("state"))
        .isEqualTo("talking");

    assertThat(await(desk.hangUpSecond("op1001")).getString("state")).isEqualTo("held");
    assertThat(pbx.commands).endsWith("hangUp x-1");
    assertThat(failure(desk.switchCalls("op1001")).id()).isEqualTo("no-second-call");
    assertThat(journal).extracting(JournalEntry::type)
        .containsExactly("desktop.call.second", "desktop.call.switched", "desktop.call.switched");
    assertThat(transfers).isEmpty();
  }

  @Test
  void clickToCallNeedsNotReadyAndARealNumberThenDialsItNormalised() throws Exception {
    operators.put("op1001", new DeskOperator("op1001", "Anna", "ready", "ready", null, "PJSIP/op1001", null, NOW, null,
        List.of(1)));
    assertThat(failure(desk.dial("op1001", "not a number")).id()).isEqualTo("invalid-number");
    assertThat(failure(desk.dial("op1001", "912 34 567")).getMessage()).isEqualTo("Go not ready before dialling out: you are ready");
    operators.put("op1001", new DeskOperator("op1001", "Anna", "not-ready", "not-ready", "break", "PJSIP/op1001", null,
        NOW, null, List.of(1)));
    pbx.answer = new OriginateResult(OriginateResult.Outcome.ANSWERED, new ChannelId("o-2"), new CallId("out-1"));
    JsonObject call = await(desk.dial("op1001", "912 34 567"));
    assertThat(call.getString("callId")).isEqualTo("out-1");
    assertThat(pbx.originated.get(0).variables()).containsEntry("CC_DIAL_NUMBER", "+4791234567");
    assertThat(pbx.originated.get(0).target().context()).isEqualTo("cc-dial-out");
    assertThat(pbx.originated.get(0).endpoint()).isEqualTo(Endpoint.device("PJSIP/op1001"));
  }

  @Test
  void theSessionOfARingingOperatorCarriesThePop() throws Exception {
    operators.put("op1001", new DeskOperator("op1001", "Anna", "reserved", "ready", null, "PJSIP/op1001", "call-1", NOW,
        null, List.of(1)));
    pbx.channels = List.of(CALLER);
    JsonObject call = await(desk.session("op1001")).getJsonObject("call");
    assertThat(call.getString("state")).isEqualTo("offered");
    assertThat(call.getString("topic")).isEqualTo("outage");
    assertThat(call.getJsonArray("ivrPath").getList()).containsExactly("welcome");
    assertThat(call.getJsonObject("card").getBoolean("known")).isTrue();
    assertThat(call.containsKey("phone")).as("no phone number leaves the server unmasked").isFalse();
  }

  @Test
  void aTicketReminderGoesToItsOwnerOrElseToItsLine() throws Exception {
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<Void> both = new java.util.concurrent.CompletableFuture<>();
    await(vertx.eventBus().<JsonObject>consumer(DeskEvents.ADDRESS, m -> {
      seen.add(m.body());
      if (seen.size() == 2) {
        both.complete(null);
      }
    }).completion());
    desk.reminder(new JsonObject().put("id", 7).put("number", "T000007").put("subject", "Meter check").put("line", 2)
        .put("owner", "op2001").put("dueAt", "2026-11-25T13:00:00Z").put("status", "in-progress"));
    desk.reminder(new JsonObject().put("id", 8).put("number", "T000008").put("subject", "Call back").put("line", 1));
    both.get(5, TimeUnit.SECONDS);
    assertThat(seen.get(0).getString("operatorId")).isEqualTo("op2001");
    assertThat(seen.get(0).getString("type")).isEqualTo("reminder");
    assertThat(seen.get(0).getJsonObject("data").getString("number")).isEqualTo("T000007");
    assertThat(seen.get(1).containsKey("operatorId")).isFalse();
    assertThat(seen.get(1).getInteger("line")).isEqualTo(1);

    // kept: a page that was away gets them with its session, after a restart too
    operators.put("op2001", new DeskOperator("op2001", "Bo", "not-ready", "not-ready", null, "PJSIP/op2001", null, NOW,
        null, List.of(2)));
    operators.put("op1001", new DeskOperator("op1001", "Anna", "not-ready", "not-ready", null, "PJSIP/op1001", null, NOW,
        null, List.of(1)));
    desk = newDesk();
    await(desk.start());
    assertThat(await(desk.session("op2001")).getJsonArray("reminders").stream().map(r -> ((JsonObject) r).getString("number")))
        .containsExactly("T000007");
    assertThat(await(desk.session("op1001")).getJsonArray("reminders").stream().map(r -> ((JsonObject) r).getString("number")))
        .containsExactly("T000008");
  }

  @Test
  void theAcdsQueueEventsKeepTheHistoryAndTellThePageTheCallEnded() throws Exception {
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();
    await(vertx.eventBus().<JsonObject>consumer(DeskEvents.ADDRESS, m -> {
      seen.add(m.body());
      if ("ended".equals(m.body().getJsonObject("data").getString("state"))) {
        ended.complete(null);
      }
    }).completion());
    await(desk.callChanged("acd.call.answered", "call-1", "op1001"));
    await(desk.callChanged("acd.call.requeued", "call-2", "op1001"));
    await(desk.callChanged("acd.call.queued", "call-3", null)); // not an operator's call: nothing
    ended.get(5, TimeUnit.SECONDS);
    assertThat(log.events).containsExactly("answered call-1 op1001", "ended call-2 op1001 missed");
    assertThat(seen).extracting(e -> e.getJsonObject("data").getString("state")).containsExactly("talking", "ended");
    assertThat(seen.get(1).getJsonObject("data").getString("reason")).isEqualTo("requeued");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static DomainException failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (java.util.concurrent.ExecutionException e) {
      return (DomainException) e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  /** The PBX with a settable list of live channels; commands are recorded. */
  private static final class ChannelsPbx implements Pbx {
    volatile List<Channel> channels = List.of();
    volatile OriginateResult answer = OriginateResult.failed(OriginateResult.Outcome.NO_ANSWER);
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<OriginateRequest> originated = new CopyOnWriteArrayList<>();

    @Override
    public Future<OriginateResult> originate(OriginateRequest request) {
      originated.add(request);
      return Future.succeededFuture(answer);
    }

    @Override
    public Future<Void> redirect(ChannelId channel, DialplanTarget target) {
      commands.add("redirect " + channel + " " + target.context());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> redirectBoth(ChannelId a, DialplanTarget at, ChannelId b, DialplanTarget bt) {
      commands.add("redirectBoth " + a + " " + b);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> hangUp(ChannelId channel, HangupCause cause) {
      commands.add("hangUp " + channel);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> bridge(ChannelId first, ChannelId second) {
      commands.add("bridge " + first + " " + second);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> startRecording(ChannelId channel, String fileName) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stopRecording(ChannelId channel) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> muteRecording(ChannelId channel, boolean muted) {
      return Future.succeededFuture();
    }

    @Override
    public Future<OriginateResult> spy(Endpoint supervisor, ChannelId target, SpyMode mode) {
      return Future.succeededFuture(OriginateResult.failed(OriginateResult.Outcome.FAILED));
    }

    @Override
    public Future<Void> setVariable(ChannelId channel, String name, String value) {
      commands.add("set " + channel + " " + name + "=" + value);
      return Future.succeededFuture();
    }

    @Override
    public Future<Optional<String>> getVariable(ChannelId channel, String name) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public Future<List<Channel>> activeChannels() {
      return Future.succeededFuture(channels);
    }

    @Override
    public AutoCloseable subscribe(Consumer<PbxEvent> listener) {
      return () -> { };
    }

    @Override
    public PbxStatus status() {
      return new PbxStatus(true, "fake");
    }
  }

  /** The kept state in memory, as {@code kind:key} → JSON. */
  private static final class MemoryStates implements DeskStates {
    final Map<String, JsonObject> entries = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Future<Map<String, JsonObject>> all(String kind) {
      Map<String, JsonObject> out = new HashMap<>();
      entries.forEach((k, v) -> {
        if (k.startsWith(kind + ":")) {
          out.put(k.substring(kind.length() + 1), v.copy());
        }
      });
      return Future.succeededFuture(out);
    }

    @Override
    public Future<Void> put(String kind, String key, JsonObject value) {
      entries.put(kind + ":" + key, value.copy());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String kind, String key) {
      entries.remove(kind + ":" + key);
      return Future.succeededFuture();
    }
  }

  /** The call log in memory. */
  private static final class MemoryLog implements CallLog {
    final List<DeskCall> calls = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> started(DeskCall call) {
      calls.add(call);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> answered(String callId, String operatorId, Instant at) {
      events.add("answered " + callId + " " + operatorId);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> ended(String callId, String operatorId, Instant at, String notAnswered) {
      events.add("ended " + callId + " " + operatorId + " " + notAnswered);
      return Future.succeededFuture();
    }

    @Override
    public Future<List<DeskCall>> recent(String operatorId, int limit) {
      return Future.succeededFuture(List.copyOf(calls));
    }

    @Override
    public Future<Optional<DeskCall>> byId(long id) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public Future<Optional<DeskCall>> byCall(String callId, String operatorId) {
      return Future.succeededFuture(calls.stream().filter(c -> c.callId().equals(callId)
          && c.operatorId().equals(operatorId)).findFirst());
    }
  }
}
