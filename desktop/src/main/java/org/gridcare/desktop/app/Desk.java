package org.gridcare.desktop.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.gridcare.desktop.domain.CallScript;
import org.gridcare.desktop.domain.DeskCall;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.Masking;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator desktop's use cases. Screen pops: the ACD offering a call to an operator ({@link #offered}) builds the
 * card (the caller's number from the PBX's live channels, the CRM card, the IVR path from the journal) and pushes it
 * to that operator's stream; {@link #session} rebuilds the same view for a page that (re)connects. Call control acts
 * on the operator's own call through the PBX port: hold sends the caller to {@code cc-hold} (music on hold), resume
 * bridges them back; a transfer to a line re-queues the call there with its ticket through the ACD; click-to-call
 * rings the operator's softphone into {@code cc-dial-out}, which dials the normalised number. The channels are looked
 * up from the PBX each time, so nothing is lost when the server restarts.
 */
public final class Desk {
  private static final Logger LOG = LoggerFactory.getLogger(Desk.class);
  static final Duration DIAL_RING = Duration.ofSeconds(30);
  /** Where a transfer's target (a colleague's softphone, an outside number) waits to be bridged: {@code Wait}. */
  static final String CONSULT = "cc-consult";
  /** Runs the IVR script {@code ivr-node} from the node named in {@link #IVR_NODE_VARIABLE}. */
  static final String IVR_NODE = "cc-ivr-node";
  static final String IVR_NODE_VARIABLE = "CC_IVR_NODE";
  static final Duration TRANSFER_RING = Duration.ofSeconds(30);
  /** How long a reminder that fell due is listed in the sessions. */
  static final Duration REMINDER_LISTED = Duration.ofHours(12);
  /** Everyone in it joins the ConfBridge room named in {@link #CONF_ROOM_VARIABLE}. */
  static final String CONFERENCE = "cc-conference";
  static final String CONF_ROOM_VARIABLE = "CC_CONF_ROOM";
  /** The post-call survey context and the caller's channel variable that asks for it (set by the IVR). */
  static final String SURVEY = "cc-survey";
  static final String SURVEY_VARIABLE = "CC_SURVEY";

  private final Vertx vertx;
  private final Pbx pbx;
  private final AcdDesk acd;
  private final CrmDesk crm;
  private final IvrDesk ivr;
  private final CallLog log;
  private final CallFacts facts;
  private final Journal journal;
  private final PhoneNumbers phones;
  private final Map<String, CallScript> scripts;
  private final Set<String> topics;
  private final JsonArray topicList;
  private final Set<String> operatorEndpoints;
  private final Clock clock;
  // The call-control state below is kept in DeskStates (Redis) as it changes, so a restarted server carries on.
  /** Attended transfers begun (caller on hold) and not yet completed or cancelled, by operator. */
  private final Kept<PendingTransfer> pending;
  /** Transfers to a person in consultation (caller on hold, operator talking to the target), by operator. */
  private final Kept<Consult> consults;
  /**
   * Caller and target channels the desktop connected when it handed a caller over (the ACD no longer follows them):
   * when one hangs up, the other is hung up.
   */
  private final Kept<String> partners;
  /** Second calls made while the caller holds, by operator. */
  private final Kept<SecondCall> seconds;
  /** Conferences on operators' calls, by operator. */
  private final Kept<Conference> conferences;
  /** Outbound calls in progress by the operator channel that dialled them. */
  private final Kept<DeskCall> outbound;
  /** Ticket reminders that fell due, by ticket id: a page that (re)connects later still shows them (until they expire). */
  private final Kept<JsonObject> reminders;
  /**
   * Channels in a bridge now. The customer can answer (and be bridged) before the originate's reply reaches us, so
   * both sides look at each other: whichever comes second marks the outbound call answered.
   */
  private final Set<String> bridged = ConcurrentHashMap.newKeySet();
  /**
   * The caller's number of each inbound call, by call id, from the PBX's arrival events: the pop needs it at once and
   * asking the PBX for its channels costs a round trip that queues behind every other AMI action at peak. After a
   * restart the map is empty and the live channels answer instead.
   */
  private final Map<String, String> callers = new ConcurrentHashMap<>();
  private final Map<String, String> callerChannels = new ConcurrentHashMap<>();
  private AutoCloseable subscription;

  public Desk(Vertx vertx, Pbx pbx, AcdDesk acd, CrmDesk crm, IvrDesk ivr, CallLog log, CallFacts facts, Journal journal,
      PhoneNumbers phones, Map<String, CallScript> scripts, List<Topic> topics, Set<String> operatorEndpoints,
      DeskStates states, Clock clock) {
    this.vertx = vertx;
    this.pbx = pbx;
    this.acd = acd;
    this.crm = crm;
    this.ivr = ivr;
    this.log = log;
    this.facts = facts;
    this.journal = journal;
    this.phones = phones;
    this.scripts = Map.copyOf(scripts);
    this.topics = topics.stream().map(Topic::id).collect(Collectors.toUnmodifiableSet());
    this.topicList = new JsonArray(topics.stream().map(t -> new JsonObject().put("id", t.id()).put("name", t.name())
        .put("line", t.line())).toList());
    this.operatorEndpoints = Set.copyOf(operatorEndpoints);
    this.clock = clock;
    this.pending = new Kept<>("transfer", states, t -> new JsonObject().put("callId", t.callId()).put("topic", t.topic())
        .put("ticketId", t.ticketId()), j -> new PendingTransfer(j.getString("callId"), j.getString("topic"),
        j.getString("ticketId")));
    this.consults = new Kept<>("consult", states, c -> new JsonObject().put("callId", c.callId()).put("kind", c.kind())
        .put("target", c.target()).put("targetChannel", c.targetChannel()).put("phone", c.phone()),
        j -> new Consult(j.getString("callId"), j.getString("kind"), j.getString("target"), j.getString("targetChannel"),
            j.getString("phone")));
    this.partners = new Kept<>("partner", states, p -> new JsonObject().put("partner", p), j -> j.getString("partner"));
    this.seconds = new Kept<>("second", states, c -> new JsonObject().put("callId", c.callId()).put("channel", c.channel())
        .put("label", c.label()).put("operatorChannel", c.operatorChannel()).put("active", c.active()),
        j -> new SecondCall(j.getString("callId"), j.getString("channel"), j.getString("label"),
            j.getString("operatorChannel"), j.getBoolean("active")));
    this.conferences = new Kept<>("conference", states, c -> new JsonObject().put("callId", c.callId()).put("room", c.room())
        .put("callerChannel", c.callerChannel()).put("operatorChannel", c.operatorChannel())
        .put("parties", new JsonObject(new java.util.HashMap<>(c.parties()))),
        j -> {
          Map<String, String> parties = new ConcurrentHashMap<>();
          j.getJsonObject("parties").forEach(e -> parties.put(e.getKey(), (String) e.getValue()));
          return new Conference(j.getString("callId"), j.getString("room"), j.getString("callerChannel"),
              j.getString("operatorChannel"), parties);
        });
    this.outbound = new Kept<>("dialled", states, c -> new JsonObject().put("callId", c.callId())
        .put("operatorId", c.operatorId()).put("phone", c.phone()).put("startedAt", c.startedAt().toString()),
        j -> new DeskCall(0, j.getString("callId"), j.getString("operatorId"), DeskCall.Direction.OUTBOUND,
            j.getString("phone"), null, null, null, Instant.parse(j.getString("startedAt")), null, null, "dialling"));
    this.reminders = new Kept<>("reminder", states, JsonObject::copy, j -> {
      Instant.parse(j.getString("remindedAt")); // unreadable entries are dropped at load
      return j.copy();
    });
  }

  /** A topic callers choose (and the line whose queue takes it), for the transfer list. */
  public record Topic(String id, String name, int line) {}

  /** An attended transfer to a line waiting for the operator to complete or cancel it. */
  public record PendingTransfer(String callId, String topic, String ticketId) {}

  /** Where the operator hands a caller: a colleague (operator id), an outside number, or an IVR node; exactly one. */
  public record Destination(String operator, String number, String ivrNode) {}

  /** A transfer target that answered: the call, who it is (for the page), their channel, an outside number. */
  private record Consult(String callId, String kind, String target, String targetChannel, String phone) {}

  private record Target(Endpoint endpoint, String kind, String label, String phone) {}

  /**
   * A call the operator made while their caller holds: the party's channel, who it is, and whether the operator is
   * talking to them now (else to the caller, the party holding).
   */
  private record SecondCall(String callId, String channel, String label, String operatorChannel, boolean active) {
    SecondCall switched() {
      return new SecondCall(callId, channel, label, operatorChannel, !active);
    }
  }

  /** A conference room on the operator's call: the operator's channel and the added parties (channel → label). */
  private record Conference(String callId, String room, String callerChannel, String operatorChannel,
      Map<String, String> parties) {}

  /**
   * Loads the call-control state a previous run kept, follows the PBX, then forgets what ended while the server was
   * away (a handed-over caller whose partner hung up meanwhile is hung up too). Without the PBX at hand the kept state
   * stays as loaded and the hang-ups that follow clean it up.
   */
  public Future<Void> start() {
    return Future.all(List.of(pending.load(), consults.load(), partners.load(), seconds.load(), conferences.load(),
            outbound.load(), reminders.load()))
        .<Void>mapEmpty()
        .onSuccess(v -> subscription = pbx.subscribe(this::onPbx))
        .compose(v -> pbx.activeChannels().map(chs -> {
          Set<String> live = chs.stream().filter(c -> c.state() != ChannelState.HUNG_UP).map(c -> c.id().value())
              .collect(Collectors.toSet());
          Set<String> kept = new java.util.HashSet<>();
          partners.forEach((channel, partner) -> kept.add(channel));
          consults.forEach((op, c) -> kept.add(c.targetChannel()));
          seconds.forEach((op, c) -> kept.addAll(List.of(c.channel(), c.operatorChannel())));
          conferences.forEach((op, c) -> {
            kept.add(c.operatorChannel());
            kept.addAll(c.parties().keySet());
          });
          outbound.forEach((channel, c) -> kept.add(channel));
          kept.stream().filter(c -> !live.contains(c)).forEach(gone -> onPbx(new PbxEvent.ChannelHungUp(clock.instant(),
              null, new ChannelId(gone), HangupCause.NORMAL_CLEARING)));
          return (Void) null;
        }).recover(e -> {
          LOG.warn("could not check the desktop's kept calls against the PBX: {}", e.toString());
          return Future.succeededFuture();
        }));
  }

  public Future<Void> stop() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.warn("unsubscribing the desktop from the PBX failed: {}", e.toString());
      }
    }
    return Future.succeededFuture();
  }

  // ---- what the ACD and the CRM tell the desktop (the server wires their event-bus messages here) -------------------

  /** The ACD rings the operator for a call: pop the card on their desktop, then log the call (the log waits). */
  public Future<JsonObject> offered(String callId, String operatorId) {
    return pop(callId, "offered").compose(pop -> {
      String phone = (String) pop.remove("phone");
      publish(operatorId, "pop", pop);
      Long customer = customerId(pop.getJsonObject("card"));
      return journal.append(JournalEntry.of("desktop.call.offered").call(callId).operator(operatorId).phone(phone)
              .customer(customer == null ? null : String.valueOf(customer)).line(pop.getInteger("line")))
          .compose(v -> log.started(new DeskCall(0, callId, operatorId, DeskCall.Direction.INBOUND, phone, customer,
              pop.getInteger("line"), pop.getString("topic"), clock.instant(), null, null, "offered")))
          .map(pop);
    });
  }

  /** A queue event of a call offered to an operator: answered, requeued (missed), completed, escalated, abandoned. */
  public Future<Void> callChanged(String type, String callId, String operatorId) {
    if (operatorId == null || callId == null) {
      return Future.succeededFuture();
    }
    return switch (type) {
      case "acd.call.answered" -> log.answered(callId, operatorId, clock.instant())
          .onSuccess(v -> publish(operatorId, "call", new JsonObject().put("callId", callId).put("state", "talking")));
      case "acd.call.requeued", "acd.call.abandoned", "acd.call.completed", "acd.call.escalated", "acd.call.released" -> {
        pending.remove(operatorId);
        yield log.ended(callId, operatorId, clock.instant(), "missed")
            .onSuccess(v -> publish(operatorId, "call", new JsonObject().put("callId", callId).put("state", "ended")
                .put("reason", type.substring("acd.call.".length()))));
      }
      default -> Future.succeededFuture();
    };
  }

  /** The operator's ACD state changed: their page resyncs. */
  public void stateChanged(String operatorId, JsonObject change) {
    publish(operatorId, "state", change);
  }

  /**
   * A ticket's deadline nears (the CRM's reminder round): its owner, or its line when nobody owns it. Kept too, so a
   * page that was not connected at that moment (reloading, the server restarting, another instance) shows it on its
   * next session.
   */
  public void reminder(JsonObject ticket) {
    String owner = ticket.getString("owner");
    JsonObject data = new JsonObject().put("ticketId", ticket.getValue("id")).put("number", ticket.getString("number"))
        .put("subject", ticket.getString("subject")).put("dueAt", ticket.getString("dueAt"))
        .put("status", ticket.getString("status"));
    reminders.put(String.valueOf(ticket.getValue("id")), data.copy().put("owner", owner)
        .put("line", ticket.getInteger("line", 0)).put("remindedAt", clock.instant().toString()));
    vertx.eventBus().publish(DeskEvents.ADDRESS, owner != null ? DeskEvents.to(owner, "reminder", data)
        : DeskEvents.toLine(ticket.getInteger("line", 0), "reminder", data));
  }

  // ---- the page ----------------------------------------------------------------------------------------------------

  /**
   * Everything a (re)connecting page shows: the operator's state and their call, if any, with its card (a call offered
   * while the page was reloading pops here), held or not, and an attended transfer in progress.
   */
  public Future<JsonObject> session(String operatorId) {
    return acd.operator(operatorId).compose(op -> {
      JsonObject out = new JsonObject().put("operator", operator(op)).put("topics", topicList.copy())
          .put("reminders", remindersFor(op));
      Optional<DeskCall> dialled = outbound.values().stream().filter(c -> c.operatorId().equals(operatorId)).findFirst();
      if (op.callId() == null || !(op.onCall() || "reserved".equals(op.state()))) {
        dialled.ifPresent(c -> out.put("call", new JsonObject().put("callId", c.callId()).put("direction", "outbound")
            .put("state", "talking").put("caller", Masking.phone(c.phone()))));
        return Future.succeededFuture(out);
      }
      return Future.all(pop(op.callId(), op.onCall() ? "talking" : "offered"), pbx.activeChannels()).map(all -> {
        JsonObject call = all.resultAt(0);
        call.remove("phone");
        if (op.onCall() && callerChannel(all.resultAt(1), op.callId())
            .filter(c -> c.location() != null && Contexts.HOLD.equals(c.location().context())).isPresent()) {
          call.put("state", "held");
        }
        PendingTransfer t = pending.get(operatorId);
        if (t != null && t.callId().equals(op.callId())) {
          call.put("transfer", new JsonObject().put("topic", t.topic()).put("ticketId", t.ticketId()));
        }
        Consult c = consults.get(operatorId);
        if (c != null && c.callId().equals(op.callId())) {
          call.put("state", "consulting").put("transfer", consulted(c));
        }
        SecondCall second = seconds.get(operatorId);
        if (second != null && second.callId().equals(op.callId())) {
          call.put("state", second.active() ? "held" : "talking").put("second", seconded(second));
        }
        Conference conf = conferences.get(operatorId);
        if (conf != null && conf.callId().equals(op.callId())) {
          call.put("state", "conference").put("conference", conferenced(conf));
        }
        return out.put("call", call);
      });
    });
  }

  /**
   * The kept reminders of the operator's own tickets and of unowned tickets of their lines, soonest due first; those
   * older than {@link #REMINDER_LISTED} are forgotten.
   */
  private JsonArray remindersFor(DeskOperator op) {
    Instant oldest = clock.instant().minus(REMINDER_LISTED);
    reminders.forEach((ticket, r) -> {
      if (Instant.parse(r.getString("remindedAt")).isBefore(oldest)) {
        reminders.remove(ticket, r);
      }
    });
    return new JsonArray(reminders.values().stream()
        .filter(r -> op.id().equals(r.getString("owner"))
            || (r.getString("owner") == null && op.lines().contains(r.getInteger("line"))))
        .sorted(Comparator.comparing(r -> String.valueOf(r.getString("dueAt"))))
        .map(r -> {
          JsonObject shown = r.copy();
          shown.remove("owner");
          shown.remove("line");
          shown.remove("remindedAt");
          return (Object) shown;
        }).toList());
  }

  /** Music on hold for the caller (sent to {@code cc-hold}); the operator's softphone stays up, silent. */
  public Future<JsonObject> hold(String operatorId) {
    if (conferences.containsKey(operatorId)) {
      return Future.failedFuture(DomainException.conflict("in-conference",
          "Hold is not available in a conference: hang up to leave it"));
    }
    return talking(operatorId).compose(op -> channels(op).compose(legs -> pbx.redirect(legs.caller().id(),
            DialplanTarget.of(Contexts.HOLD))
        .compose(v -> record("desktop.call.held", op))
        .map(v -> called(op, "held"))));
  }

  /** The held caller is bridged back to the operator (with a second call in progress: the two swap). */
  public Future<JsonObject> resume(String operatorId) {
    SecondCall second = seconds.get(operatorId);
    if (second != null && second.active()) {
      return switchCalls(operatorId);
    }
    return talking(operatorId).compose(op -> channels(op).compose(legs -> {
      if (legs.operator() == null) {
        return Future.failedFuture(DomainException.conflict("softphone-gone",
            "Your softphone is no longer on the call; the caller stays on hold"));
      }
      pending.remove(operatorId);
      return pbx.bridge(legs.caller().id(), legs.operator().id())
          .compose(v -> record("desktop.call.resumed", op))
          .map(v -> called(op, "talking"));
    }));
  }

  /** Ends the operator's call (inbound or dialled): their leg hangs up, the ACD puts them into wrap-up. */
  public Future<JsonObject> hangUp(String operatorId) {
    return acd.operator(operatorId).compose(op -> pbx.activeChannels().compose(chs -> {
      Optional<Channel> mine = operatorChannel(chs, op.endpoint());
      if (mine.isEmpty()) {
        return Future.failedFuture(DomainException.conflict("no-call", "You are not on a call"));
      }
      pending.remove(operatorId);
      Consult consult = consults.remove(operatorId);
      Future<Void> target = consult == null ? Future.succeededFuture()
          : pbx.hangUp(new ChannelId(consult.targetChannel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty();
      return target.compose(v -> pbx.hangUp(mine.get().id(), HangupCause.NORMAL_CLEARING))
          .map(v -> new JsonObject().put("state", "ended"));
    }));
  }

  /**
   * Transfers the operator's call to {@code topic}'s line: re-queued there with {@code ticketId}. Blind: at once.
   * Attended: the caller first goes on hold so the operator can finish the ticket for the next specialist, then
   * {@link #completeTransfer} moves it (or {@link #cancelTransfer} resumes the conversation).
   */
  public Future<JsonObject> transfer(String operatorId, String topic, String ticketId, boolean attended) {
    if (!topics.contains(topic)) {
      return Future.failedFuture(DomainException.invalid("unknown-topic",
          "Cannot transfer to " + topic + ": no such topic (known: " + topics.stream().sorted().toList() + ")"));
    }
    if (!attended) {
      return talking(operatorId).compose(op -> requeue(op, topic, ticketId));
    }
    return hold(operatorId).map(held -> {
      pending.put(operatorId, new PendingTransfer(held.getString("callId"), topic, ticketId));
      // after hold's own "held" event, so a page applying events in order ends up consulting
      JsonObject consulting = held.put("state", "consulting")
          .put("transfer", new JsonObject().put("topic", topic).put("ticketId", ticketId));
      publish(operatorId, "call", consulting);
      return consulting.copy();
    });
  }

  public Future<JsonObject> completeTransfer(String operatorId, String ticketId) {
    Consult consult = consults.get(operatorId);
    if (consult != null) {
      return talking(operatorId).compose(op -> channels(op).compose(legs -> connect(op, consult, legs)))
          .onComplete(ar -> consults.remove(operatorId, consult));
    }
    PendingTransfer t = pending.get(operatorId);
    if (t == null) {
      return Future.failedFuture(DomainException.conflict("no-transfer", "No attended transfer is in progress"));
    }
    return talking(operatorId).compose(op -> {
      if (!op.callId().equals(t.callId())) {
        pending.remove(operatorId);
        return Future.failedFuture(DomainException.conflict("call-changed", "The call being transferred has ended"));
      }
      return requeue(op, t.topic(), ticketId != null ? ticketId : t.ticketId()).onSuccess(v -> pending.remove(operatorId));
    });
  }

  public Future<JsonObject> cancelTransfer(String operatorId) {
    Consult consult = consults.remove(operatorId);
    if (consult != null) {
      return pbx.hangUp(new ChannelId(consult.targetChannel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty()
          .compose(v -> journal.append(JournalEntry.of("desktop.transfer.cancelled").call(consult.callId())
              .operator(operatorId).data(Map.of("to", consult.kind()))))
          .compose(v -> resume(operatorId));
    }
    if (!pending.containsKey(operatorId)) {
      return Future.failedFuture(DomainException.conflict("no-transfer", "No attended transfer is in progress"));
    }
    return resume(operatorId);
  }

  private Future<JsonObject> requeue(DeskOperator op, String topic, String ticketId) {
    return acd.transfer(op.callId(), topic, ticketId, op.id())
        .compose(line -> journal.append(JournalEntry.of("desktop.call.transferred").call(op.callId()).line(line)
                .operator(op.id()).data(ticketId == null ? Map.of("topic", topic) : Map.of("topic", topic, "ticket", ticketId)))
            .map(v -> new JsonObject().put("callId", op.callId()).put("state", "transferred").put("line", line)
                .put("topic", topic).put("ticketId", ticketId)));
  }

  /**
   * Hands the caller to a colleague, an outside number or an IVR node. A person is rung (into {@code cc-consult})
   * while the caller holds: blind, the caller is connected to them as soon as they answer; attended, the operator
   * talks to them first and then completes ({@link #completeTransfer}) or cancels ({@link #cancelTransfer}). When the
   * target does not answer the caller is connected back and the failure says why. Once handed over, the call leaves
   * the ACD ({@link AcdDesk#release}) and the operator's leg hangs up: the operator goes to wrap-up. An IVR node is
   * always blind: the caller goes to {@code cc-ivr-node} with the node in {@code CC_IVR_NODE}.
   */
  public Future<JsonObject> handOver(String operatorId, Destination to, boolean attended) {
    long given = java.util.stream.Stream.of(to.operator(), to.number(), to.ivrNode()).filter(Objects::nonNull).count();
    if (given != 1) {
      return Future.failedFuture(DomainException.invalid("one-destination",
          "Name exactly one destination: an operator, a number or an IVR node"));
    }
    if (to.ivrNode() != null) {
      return attended
          ? Future.failedFuture(DomainException.invalid("attended-ivr",
              "An attended transfer needs a person to talk to; send the caller to the IVR blind"))
          : toIvr(operatorId, to.ivrNode());
    }
    if (consults.containsKey(operatorId)) {
      return Future.failedFuture(DomainException.conflict("transfer-in-progress",
          "Complete or cancel the transfer in progress first"));
    }
    Future<Target> target = to.operator() != null ? colleague(operatorId, to.operator()) : outside(to.number());
    return target.compose(t -> talking(operatorId).compose(op -> channels(op).compose(legs -> {
      if (legs.operator() == null) {
        return Future.failedFuture(DomainException.conflict("softphone-gone", "Your softphone is no longer on the call"));
      }
      OriginateRequest ring = new OriginateRequest(t.endpoint(), DialplanTarget.of(CONSULT), null, "Transfer",
          Map.of(), TRANSFER_RING);
      return pbx.redirect(legs.caller().id(), DialplanTarget.of(Contexts.HOLD))
          .compose(v -> journal.append(JournalEntry.of("desktop.transfer.started").call(op.callId()).operator(operatorId)
              .phone(t.phone()).data(Map.of("to", t.kind(), "attended", attended))))
          .compose(v -> {
            publish(operatorId, "call", new JsonObject().put("callId", op.callId()).put("state", "held"));
            return pbx.originate(ring);
          })
          .compose(result -> {
            if (!result.answered()) {
              String why = t.label() + " did not answer (" + result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + "); the caller is back with you";
              return pbx.bridge(legs.caller().id(), legs.operator().id())
                  .compose(v -> journal.append(JournalEntry.of("desktop.transfer.failed").call(op.callId())
                      .operator(operatorId).data(Map.of("to", t.kind(), "outcome", result.outcome().name()))))
                  .onSuccess(v -> publish(operatorId, "call", new JsonObject().put("callId", op.callId()).put("state", "talking")))
                  .transform(x -> Future.failedFuture(DomainException.conflict("transfer-not-answered", why)));
            }
            Consult consult = new Consult(op.callId(), t.kind(), t.label(), result.channel().value(), t.phone());
            if (!attended) {
              return connect(op, consult, legs);
            }
            consults.put(operatorId, consult);
            return pbx.bridge(legs.operator().id(), result.channel())
                .map(v -> {
                  JsonObject data = new JsonObject().put("callId", op.callId()).put("state", "consulting")
                      .put("transfer", consulted(consult));
                  publish(operatorId, "call", data);
                  return data.copy();
                });
          });
    })));
  }

  /**
   * Adds a colleague (logged in, not ready) or an outside number to the operator's call: they are rung into
   * {@code cc-conference}; once they answer, the caller and the operator (the first time) are moved into the same
   * ConfBridge room. More parties may be added. The call stays the ACD's: when the operator hangs up, the caller is
   * hung up as after any conversation and the desktop hangs up the added parties. A party who does not answer
   * changes nothing, and the failure says why.
   */
  public Future<JsonObject> conference(String operatorId, Destination to) {
    if (to.ivrNode() != null || (to.operator() == null) == (to.number() == null)) {
      return Future.failedFuture(DomainException.invalid("one-party", "Add one party: a colleague or an outside number"));
    }
    Future<Target> target = to.operator() != null ? colleague(operatorId, to.operator()) : outside(to.number());
    return target.compose(t -> talking(operatorId).compose(op -> channels(op).compose(legs -> {
      if (legs.operator() == null) {
        return Future.failedFuture(DomainException.conflict("softphone-gone", "Your softphone is no longer on the call"));
      }
      Conference existing = conferences.get(operatorId);
      String room = existing != null ? existing.room() : "conf-" + op.callId().replaceAll("[^A-Za-z0-9_.-]", "-");
      OriginateRequest ring = new OriginateRequest(t.endpoint(), DialplanTarget.of(CONFERENCE), null, "Conference",
          Map.of(CONF_ROOM_VARIABLE, room), TRANSFER_RING);
      return pbx.originate(ring).compose(result -> {
        if (!result.answered()) {
          return Future.failedFuture(DomainException.conflict("party-not-answered", t.label() + " did not answer ("
              + result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "); nothing changed on your call"));
        }
        Future<Void> inRoom = existing != null ? Future.succeededFuture()
            : pbx.setVariable(legs.caller().id(), CONF_ROOM_VARIABLE, room)
                .compose(v -> pbx.setVariable(legs.operator().id(), CONF_ROOM_VARIABLE, room))
                .compose(v -> pbx.redirectBoth(legs.caller().id(), DialplanTarget.of(CONFERENCE), legs.operator().id(),
                    DialplanTarget.of(CONFERENCE)))
                .recover(e -> pbx.hangUp(result.channel(), HangupCause.NORMAL_CLEARING).otherwiseEmpty()
                    .transform(x -> Future.failedFuture(e)));
        return inRoom.compose(v -> {
          Conference c = existing != null ? existing : new Conference(op.callId(), room, legs.caller().id().value(),
              legs.operator().id().value(), new ConcurrentHashMap<>());
          c.parties().put(result.channel().value(), t.label());
          conferences.put(operatorId, c);
          return journal.append(JournalEntry.of("desktop.call.conferenced").call(op.callId()).operator(operatorId)
                  .phone(t.phone()).data(t.kind().equals("operator")
                      ? Map.of("party", "operator", "operator", t.label(), "room", room, "parties", c.parties().size() + 2)
                      : Map.of("party", t.kind(), "room", room, "parties", c.parties().size() + 2)))
              .map(x -> {
                JsonObject data = new JsonObject().put("callId", op.callId()).put("state", "conference")
                    .put("conference", conferenced(c));
                publish(operatorId, "call", data);
                return data.copy();
              });
        });
      });
    })));
  }

  /**
   * The operator left a conference: a caller whose line has the post-call survey ({@code CC_SURVEY=yes}, which the
   * ACD honours by not hanging them up) would stay alone in the room, so they go to {@code cc-survey} as after any
   * conversation; the ACD hangs up the others.
   */
  private void toSurvey(ChannelId caller) {
    pbx.getVariable(caller, SURVEY_VARIABLE)
        .compose(v -> v.filter("yes"::equals).isPresent() ? pbx.redirect(caller, DialplanTarget.of(SURVEY))
            : Future.succeededFuture())
        .onFailure(e -> LOG.debug("caller {} left the conference before the survey: {}", caller, e.toString()));
  }

  private static JsonObject conferenced(Conference c) {
    return new JsonObject().put("room", c.room()).put("parties", new JsonArray(c.parties().values().stream().sorted().toList()));
  }

  /**
   * Several calls at once: with the caller on hold ({@code cc-hold}, put there now if need be), the operator rings a
   * colleague (not ready) or an outside number into {@code cc-consult} and talks to them over the same softphone
   * channel. {@link #switchCalls} swaps who holds; {@link #hangUpSecond} ends the second call. The first call stays
   * the ACD's; when the operator's softphone hangs up, the second party is hung up too.
   */
  public Future<JsonObject> secondCall(String operatorId, Destination to) {
    if (to.ivrNode() != null || (to.operator() == null) == (to.number() == null)) {
      return Future.failedFuture(DomainException.invalid("one-party", "Call one party: a colleague or an outside number"));
    }
    if (seconds.containsKey(operatorId) || consults.containsKey(operatorId) || conferences.containsKey(operatorId)) {
      return Future.failedFuture(DomainException.conflict("line-busy",
          "Finish the second call, transfer or conference in progress first"));
    }
    Future<Target> target = to.operator() != null ? colleague(operatorId, to.operator()) : outside(to.number());
    return target.compose(t -> talking(operatorId).compose(op -> channels(op).compose(legs -> {
      if (legs.operator() == null) {
        return Future.failedFuture(DomainException.conflict("softphone-gone", "Your softphone is no longer on the call"));
      }
      boolean held = legs.caller().location() != null && Contexts.HOLD.equals(legs.caller().location().context());
      OriginateRequest ring = new OriginateRequest(t.endpoint(), DialplanTarget.of(CONSULT), null, "Second call",
          Map.of(), TRANSFER_RING);
      return (held ? Future.<Void>succeededFuture() : pbx.redirect(legs.caller().id(), DialplanTarget.of(Contexts.HOLD)))
          .compose(v -> pbx.originate(ring))
          .compose(result -> {
            if (!result.answered()) {
              return Future.failedFuture(DomainException.conflict("party-not-answered", t.label() + " did not answer ("
                  + result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "); your caller is on hold"));
            }
            SecondCall second = new SecondCall(op.callId(), result.channel().value(), t.label(),
                legs.operator().id().value(), true);
            seconds.put(operatorId, second);
            return pbx.bridge(legs.operator().id(), result.channel())
                .compose(v -> journal.append(JournalEntry.of("desktop.call.second").call(op.callId()).operator(operatorId)
                    .phone(t.phone()).data(Map.of("to", t.kind()))))
                .map(v -> twoCalls(operatorId, second));
          });
    })));
  }

  /** Swaps the caller and the second party: the one talking to the operator holds, the held one talks. */
  public Future<JsonObject> switchCalls(String operatorId) {
    SecondCall second = seconds.get(operatorId);
    if (second == null) {
      return Future.failedFuture(DomainException.conflict("no-second-call", "You have only one call"));
    }
    return talking(operatorId).compose(op -> channels(op).compose(legs -> {
      if (legs.operator() == null) {
        return Future.failedFuture(DomainException.conflict("softphone-gone", "Your softphone is no longer on the call"));
      }
      ChannelId party = new ChannelId(second.channel());
      Future<Void> swapped = second.active()
          ? pbx.redirect(party, DialplanTarget.of(Contexts.HOLD)).compose(v -> pbx.bridge(legs.caller().id(), legs.operator().id()))
          : pbx.redirect(legs.caller().id(), DialplanTarget.of(Contexts.HOLD)).compose(v -> pbx.bridge(party, legs.operator().id()));
      return swapped.compose(v -> {
        SecondCall now = second.switched();
        seconds.replace(operatorId, second, now);
        return journal.append(JournalEntry.of("desktop.call.switched").call(op.callId()).operator(operatorId)
                .data(Map.of("talkingTo", now.active() ? "second" : "caller")))
            .map(x -> twoCalls(operatorId, now));
      });
    }));
  }

  /** Ends the second call; the caller stays on hold until the operator resumes. */
  public Future<JsonObject> hangUpSecond(String operatorId) {
    SecondCall second = seconds.remove(operatorId);
    if (second == null) {
      return Future.failedFuture(DomainException.conflict("no-second-call", "You have only one call"));
    }
    return pbx.hangUp(new ChannelId(second.channel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty()
        .map(v -> {
          JsonObject data = new JsonObject().put("callId", second.callId()).put("state", "held");
          publish(operatorId, "call", data);
          return data.copy();
        });
  }

  private JsonObject twoCalls(String operatorId, SecondCall second) {
    JsonObject data = new JsonObject().put("callId", second.callId()).put("state", second.active() ? "held" : "talking")
        .put("second", seconded(second));
    publish(operatorId, "call", data);
    return data.copy();
  }

  private static JsonObject seconded(SecondCall s) {
    return new JsonObject().put("target", s.label()).put("state", s.active() ? "talking" : "held");
  }

  /** The caller meets the target; the call leaves the ACD and the operator's leg ends (wrap-up). */
  private Future<JsonObject> connect(DeskOperator op, Consult c, Legs legs) {
    ChannelId target = new ChannelId(c.targetChannel());
    return pbx.bridge(legs.caller().id(), target)
        .recover(e -> Future.failedFuture(DomainException.conflict("target-gone",
            c.target() + " is no longer on the line; the caller is on hold (resume to talk to them)")))
        .compose(v -> {
          partners.put(legs.caller().id().value(), c.targetChannel());
          partners.put(c.targetChannel(), legs.caller().id().value());
          return acd.release(c.callId(), op.id());
        })
        .compose(v -> legs.operator() == null ? Future.succeededFuture()
            : pbx.hangUp(legs.operator().id(), HangupCause.NORMAL_CLEARING).otherwiseEmpty())
        .compose(v -> journal.append(JournalEntry.of("desktop.call.transferred").call(c.callId()).operator(op.id())
            .phone(c.phone()).data(c.kind().equals("operator") ? Map.of("to", "operator", "operator", c.target())
                : Map.of("to", c.kind()))))
        .map(v -> {
          JsonObject data = new JsonObject().put("callId", c.callId()).put("state", "transferred")
              .put("transfer", consulted(c));
          publish(op.id(), "call", data);
          return data.copy();
        });
  }

  private Future<JsonObject> toIvr(String operatorId, String node) {
    if (!ivr.hasNode(node)) {
      return Future.failedFuture(DomainException.invalid("unknown-ivr-node", "The IVR menu has no node " + node));
    }
    return talking(operatorId).compose(op -> channels(op).compose(legs -> pbx.setVariable(legs.caller().id(),
            IVR_NODE_VARIABLE, node)
        .compose(v -> acd.release(op.callId(), operatorId))
        .compose(v -> pbx.redirect(legs.caller().id(), DialplanTarget.of(IVR_NODE)))
        .compose(v -> legs.operator() == null ? Future.succeededFuture()
            : pbx.hangUp(legs.operator().id(), HangupCause.NORMAL_CLEARING).otherwiseEmpty())
        .compose(v -> journal.append(JournalEntry.of("desktop.call.transferred").call(op.callId()).operator(operatorId)
            .data(Map.of("to", "ivr", "ivrNode", node))))
        .map(v -> {
          JsonObject data = new JsonObject().put("callId", op.callId()).put("state", "transferred")
              .put("transfer", new JsonObject().put("to", "ivr").put("target", node));
          publish(operatorId, "call", data);
          return data.copy();
        })));
  }

  /**
   * A colleague takes transfers when logged in and not ready: the queue then offers them nothing while they ring or
   * talk to the transferred caller.
   */
  private Future<Target> colleague(String me, String other) {
    if (other.equals(me)) {
      return Future.failedFuture(DomainException.invalid("transfer-to-self", "You cannot transfer a call to yourself"));
    }
    return acd.operator(other).compose(op -> {
      if (!"not-ready".equals(op.state()) || op.endpoint() == null) {
        return Future.failedFuture(DomainException.conflict("target-not-free", op.name() + " cannot take a transfer now ("
            + op.state() + "): a colleague must be logged in and not ready"));
      }
      return Future.succeededFuture(new Target(Endpoint.device(op.endpoint()), "operator", op.id(), null));
    });
  }

  private Future<Target> outside(String raw) {
    return phones.normalise(raw)
        .map(e164 -> Future.succeededFuture(new Target(Endpoint.external(e164), "external", Masking.phone(e164), e164)))
        .orElseGet(() -> Future.failedFuture(DomainException.invalid("invalid-number",
            "Not a phone number: " + Masking.phone(raw))));
  }

  private static JsonObject consulted(Consult c) {
    return new JsonObject().put("to", c.kind()).put("target", c.target());
  }

  /**
   * Click-to-call: rings the operator's softphone; when they answer, {@code cc-dial-out} dials the customer. The
   * number is normalised first; the operator must be not ready (or in wrap-up) so no inbound call is offered meanwhile.
   * Recorded and linked like any call (the recordings and the CRM see the operator's leg bridged to the customer).
   */
  public Future<JsonObject> dial(String operatorId, String rawNumber) {
    Optional<String> e164 = phones.normalise(rawNumber);
    if (e164.isEmpty()) {
      return Future.failedFuture(DomainException.invalid("invalid-number", "Not a phone number: " + Masking.phone(rawNumber)));
    }
    return acd.operator(operatorId).compose(op -> {
      if (!"not-ready".equals(op.state()) && !"wrap-up".equals(op.state())) {
        return Future.failedFuture(DomainException.conflict("not-ready-first", "Go not ready before dialling out"
            + ("logged-out".equals(op.state()) ? " (you are not logged in on a softphone)" : ": you are " + op.state())));
      }
      Instant at = clock.instant();
      OriginateRequest ring = new OriginateRequest(Endpoint.device(op.endpoint()), DialplanTarget.of(Contexts.DIAL_OUT),
          null, "Click-to-call", Map.of("CC_DIAL_NUMBER", e164.get()), DIAL_RING);
      return pbx.originate(ring).compose(result -> {
        if (!result.answered()) {
          return Future.failedFuture(DomainException.conflict("softphone-not-answered",
              "Your softphone did not answer (" + result.outcome().name().toLowerCase(Locale.ROOT) + ")"));
        }
        String callId = result.call() == null ? result.channel().value() : result.call().value();
        DeskCall call = new DeskCall(0, callId, operatorId, DeskCall.Direction.OUTBOUND, e164.get(), null, null, null,
            at, null, null, "dialling");
        outbound.put(result.channel().value(), call);
        return journal.append(JournalEntry.of("desktop.call.dialled").call(callId).operator(operatorId).phone(e164.get()))
            .compose(v -> log.started(call))
            .compose(v -> bridged.contains(result.channel().value())
                ? log.answered(callId, operatorId, clock.instant()) : Future.succeededFuture())
            .map(v -> {
              JsonObject data = new JsonObject().put("callId", callId).put("direction", "outbound").put("state", "talking")
                  .put("caller", Masking.phone(e164.get()));
              publish(operatorId, "call", data);
              return data;
            });
      });
    });
  }

  /** Calls back the number of a history row of the operator's. */
  public Future<JsonObject> callBack(String operatorId, long historyId) {
    return log.byId(historyId).compose(found -> {
      DeskCall c = found.filter(x -> x.operatorId().equals(operatorId)).orElseThrow(() ->
          DomainException.notFound("no-such-call", "No call " + historyId + " in your history"));
      if (c.phone() == null) {
        return Future.failedFuture(DomainException.conflict("no-number", "The caller's number is not known"));
      }
      return dial(operatorId, c.phone());
    });
  }

  public Future<List<DeskCall>> history(String operatorId, int limit) {
    return log.recent(operatorId, limit);
  }

  // ---- call scripts ------------------------------------------------------------------------------------------------

  public Optional<CallScript> script(String topic) {
    return Optional.ofNullable(scripts.get(topic));
  }

  public List<CallScript> scripts() {
    return scripts.values().stream().sorted(Comparator.comparing(CallScript::topic)).toList();
  }

  /** Checks the answers against the topic's script and saves them into the ticket as a note, the call linked. */
  public Future<JsonObject> saveAnswers(CrmDesk.Actor actor, String topic, long ticketId, String callId,
      Map<String, String> answers) {
    String operatorId = actor.username();
    CallScript script = scripts.get(topic);
    if (script == null) {
      return Future.failedFuture(DomainException.notFound("no-such-script", "No call script for topic " + topic));
    }
    String note;
    try {
      note = script.answer(answers);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    Future<Void> linked = callId == null ? Future.succeededFuture() : crm.linkCall(ticketId, callId, operatorId);
    return crm.addNote(ticketId, actor, note).compose(v -> linked)
        .compose(v -> journal.append(JournalEntry.of("desktop.script.answered").call(callId).operator(operatorId)
            .data(Map.of("topic", topic, "ticket", String.valueOf(ticketId), "answers", answers.size()))))
        .map(v -> new JsonObject().put("ticketId", ticketId).put("note", note));
  }

  // ---- internals ---------------------------------------------------------------------------------------------------

  /** Outbound calls: answered when the customer's leg is bridged to the operator's, ended by the operator's hang-up. */
  private void onPbx(PbxEvent event) {
    if (event instanceof PbxEvent.CallArrived a) {
      if (a.callerNumber() != null) {
        callers.put(a.call().value(), a.callerNumber());
        callerChannels.put(a.channel().value(), a.call().value());
      }
    } else if (event instanceof PbxEvent.ChannelsBridged b) {
      b.members().forEach(m -> bridged.add(m.value()));
      b.members().stream().map(m -> outbound.get(m.value())).filter(Objects::nonNull).findFirst()
          .ifPresent(c -> log.answered(c.callId(), c.operatorId(), b.at())
              .onFailure(e -> LOG.warn("logging the answer of outbound call {} failed: {}", c.callId(), e.toString())));
    } else if (event instanceof PbxEvent.ChannelUnbridged u) {
      bridged.remove(u.channel().value());
    } else if (event instanceof PbxEvent.ChannelHungUp h) {
      bridged.remove(h.channel().value());
      String partner = partners.remove(h.channel().value());
      if (partner != null && partners.remove(partner) != null) {
        pbx.hangUp(new ChannelId(partner), HangupCause.NORMAL_CLEARING)
            .onFailure(e -> LOG.debug("partner {} of a handed-over call already gone: {}", partner, e.toString()));
      }
      seconds.forEach((operatorId, c) -> {
        if (c.operatorChannel().equals(h.channel().value()) && seconds.remove(operatorId, c)) {
          pbx.hangUp(new ChannelId(c.channel()), HangupCause.NORMAL_CLEARING)
              .onFailure(e -> LOG.debug("second call {} already gone: {}", c.channel(), e.toString()));
        } else if (c.channel().equals(h.channel().value()) && seconds.remove(operatorId, c)) {
          publish(operatorId, "call", new JsonObject().put("callId", c.callId()).put("state", "held")
              .put("reason", "second-call-ended"));
        }
      });
      conferences.forEach((operatorId, c) -> {
        if (c.operatorChannel().equals(h.channel().value()) && conferences.remove(operatorId, c)) {
          c.parties().keySet().forEach(party -> pbx.hangUp(new ChannelId(party), HangupCause.NORMAL_CLEARING)
              .onFailure(e -> LOG.debug("conference party {} already gone: {}", party, e.toString())));
          toSurvey(new ChannelId(c.callerChannel()));
        } else if (c.parties().remove(h.channel().value()) != null) {
          conferences.save(operatorId, c);
          publish(operatorId, "call", new JsonObject().put("callId", c.callId()).put("state", "conference")
              .put("conference", conferenced(c)));
        }
      });
      consults.forEach((operatorId, c) -> {
        if (c.targetChannel().equals(h.channel().value()) && consults.remove(operatorId, c)) {
          publish(operatorId, "call", new JsonObject().put("callId", c.callId()).put("state", "held")
              .put("reason", "target-hung-up"));
        }
      });
      String arrived = callerChannels.remove(h.channel().value());
      if (arrived != null) {
        callers.remove(arrived);
      }
      DeskCall c = outbound.remove(h.channel().value());
      if (c != null) {
        log.ended(c.callId(), c.operatorId(), h.at(), "unanswered")
            .onComplete(ar -> publish(c.operatorId(), "call", new JsonObject().put("callId", c.callId())
                .put("direction", "outbound").put("state", "ended")))
            .onFailure(e -> LOG.warn("logging the end of outbound call {} failed: {}", c.callId(), e.toString()));
      }
    }
  }

  /** The pop for a call: its card, the IVR path, topic, line and ticket; {@code phone} (E.164) for the log only. */
  private Future<JsonObject> pop(String callId, String state) {
    Future<CallFacts.Facts> known = facts.of(callId);
    String arrived = callers.get(callId);
    Future<Optional<String>> caller = arrived != null ? Future.succeededFuture(Optional.of(arrived))
        : pbx.activeChannels().map(chs -> callerChannel(chs, callId).map(Channel::callerNumber));
    return Future.all(known, caller).compose(all -> {
      String raw = caller.result().orElse(null);
      // A CRM failure must not cost the pop: the operator gets the search box instead of the card.
      Future<JsonObject> card = raw == null
          ? Future.succeededFuture(new JsonObject().put("caller", "unknown").put("known", false))
          : crm.card(callId, raw).recover(e -> {
            LOG.warn("customer card for call {} failed: {}", callId, e.toString());
            return Future.succeededFuture(new JsonObject().put("caller", Masking.phone(raw)).put("known", false)
                .put("failed", true));
          });
      CallFacts.Facts f = known.result();
      return card.map(c -> new JsonObject().put("callId", callId).put("direction", "inbound").put("state", state)
          .put("topic", f.topic()).put("line", f.line()).put("ticketId", f.ticketId())
          .put("ivrPath", new JsonArray(f.ivrPath())).put("card", c)
          .put("phone", raw == null ? null : phones.normalise(raw).orElse(null)));
    });
  }

  private Optional<Channel> callerChannel(List<Channel> channels, String callId) {
    return channels.stream().filter(c -> c.callId() != null && c.callId().value().equals(callId))
        .filter(c -> !operatorEndpoints.contains(c.endpoint())).filter(c -> c.state() != ChannelState.HUNG_UP)
        .findFirst();
  }

  private static Optional<Channel> operatorChannel(List<Channel> channels, String endpoint) {
    return channels.stream().filter(c -> endpoint != null && endpoint.equals(c.endpoint()))
        .filter(c -> c.state() == ChannelState.UP).findFirst();
  }

  private record Legs(Channel caller, Channel operator) {}

  private Future<Legs> channels(DeskOperator op) {
    return pbx.activeChannels().map(chs -> new Legs(callerChannel(chs, op.callId()).orElseThrow(() ->
        DomainException.conflict("caller-gone", "The caller has hung up")), operatorChannel(chs, op.endpoint()).orElse(null)));
  }

  private Future<DeskOperator> talking(String operatorId) {
    return acd.operator(operatorId).map(op -> {
      if (!op.onCall()) {
        throw DomainException.conflict("no-call", "You are not in a conversation (" + op.state() + ")");
      }
      return op;
    });
  }

  private Future<Void> record(String type, DeskOperator op) {
    return journal.append(JournalEntry.of(type).call(op.callId()).operator(op.id()));
  }

  private JsonObject called(DeskOperator op, String state) {
    JsonObject data = new JsonObject().put("callId", op.callId()).put("state", state);
    publish(op.id(), "call", data);
    return data.copy();
  }

  private void publish(String operatorId, String type, JsonObject data) {
    vertx.eventBus().publish(DeskEvents.ADDRESS, DeskEvents.to(operatorId, type, data));
  }

  private static Long customerId(JsonObject card) {
    JsonObject customer = card == null ? null : card.getJsonObject("customer");
    return customer == null ? null : customer.getLong("id");
  }

  static JsonObject operator(DeskOperator op) {
    JsonObject json = new JsonObject().put("id", op.id()).put("name", op.name()).put("state", op.state())
        .put("presence", op.presence()).put("reason", op.reason()).put("endpoint", op.endpoint())
        .put("callId", op.callId()).put("since", op.since() == null ? null : op.since().toString())
        .put("wrapUpUntil", op.wrapUpUntil() == null ? null : op.wrapUpUntil().toString())
        .put("lines", new JsonArray(op.lines()));
    json.getMap().values().removeIf(Objects::isNull);
    return json;
  }
}
