package org.gridcare.recordings.app;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.Masking;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.recordings.domain.AuditEntry;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.RecordingRules;
import org.gridcare.recordings.domain.RecordingState;
import org.gridcare.recordings.domain.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each conversation as one file, driven by PBX events: MixMonitor starts on the conversation's first bridge
 * with an operator (when the rules say so) on the channel that started the call, so transfers and new bridges keep
 * writing into the same file; pause/resume mute it; the hang-up of that channel stops it, moves the closed file into the
 * store and catalogues it. Between store and catalogue the recording is kept in {@link PendingRecordings}: when the
 * catalogue (PostgreSQL) is down it waits there, even across a restart, and {@link #retryPending} catalogues it once
 * the database is back. Nothing is lost.
 */
public final class RecordingLifecycle {
  private static final int FILE_CLOSE_ATTEMPTS = 10;
  private static final java.time.Duration FILE_CLOSE_WAIT = java.time.Duration.ofMillis(300);
  private static final Logger LOG = LoggerFactory.getLogger(RecordingLifecycle.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final Pbx pbx;
  private final RecordingRules rules;
  private final RecordingCatalog catalog;
  private final RecordingStore store;
  private final Journal journal;
  private final Path monitorDir;
  private final Map<String, String> operatorByEndpoint;
  private final Clock clock;
  private final PhoneNumbers phones;
  private final Map<String, LiveCall> live = new HashMap<>();
  private final Map<ChannelId, Channel> channels = new HashMap<>();
  private final PendingRecordings pending;
  private final Map<String, Future<Void>> inFlight = new HashMap<>();
  /** The context the lifecycle was built on (and subscribes to the PBX from): its state is only touched there. */
  private final Context context = Vertx.currentContext();

  public RecordingLifecycle(Pbx pbx, RecordingRules rules, RecordingCatalog catalog, RecordingStore store,
      PendingRecordings pending, Journal journal, Path monitorDir, Map<String, String> operatorByEndpoint,
      PhoneNumbers phones, Clock clock) {
    this.pending = pending;
    this.pbx = pbx;
    this.rules = rules;
    this.catalog = catalog;
    this.store = store;
    this.journal = journal;
    this.monitorDir = monitorDir;
    this.operatorByEndpoint = Map.copyOf(operatorByEndpoint);
    this.clock = clock;
    this.phones = phones;
  }

  /** Mutable per-call state; lives on the subscribing context only. */
  private static final class LiveCall {
    final String callId;
    final ChannelId origin;
    final Direction direction;
    final String phone;
    Integer line;
    String topic;
    String customerId;
    String recordingId;
    String operator;
    Path file;
    Instant startedAt;
    RecordingState state;
    final List<Long> tickets = new java.util.ArrayList<>();

    LiveCall(String callId, ChannelId origin, Direction direction, String phone) {
      this.callId = callId;
      this.origin = origin;
      this.direction = direction;
      this.phone = phone;
    }
  }

  /** Applies one PBX event; failures are logged (a call that cannot be recorded must not break anything else). */
  public Future<Void> on(PbxEvent event) {
    return apply(event).recover(e -> {
      LOG.warn("Recording lifecycle could not apply {} for call {}: {}", event.getClass().getSimpleName(), event.call(),
          Masking.text(String.valueOf(e.getMessage())));
      return Future.succeededFuture();
    });
  }

  /** Runs the PBX work of one conversation after its earlier work, so a stop never overtakes its start. */
  private Future<Void> serially(String callId, java.util.function.Supplier<Future<Void>> work) {
    Future<Void> next = inFlight.getOrDefault(callId, Future.succeededFuture()).transform(x -> work.get());
    inFlight.put(callId, next);
    next.onComplete(x -> inFlight.remove(callId, next));
    return next;
  }

  private Future<Void> apply(PbxEvent event) {
    if (event instanceof PbxEvent.ChannelCreated c) {
      channels.put(c.channel(), c.snapshot());
    } else if (event instanceof PbxEvent.CallArrived a) {
      live.put(a.call().value(), new LiveCall(a.call().value(), a.channel(), Direction.INBOUND, e164(a.callerNumber())));
    } else if (event instanceof PbxEvent.ChannelsBridged b) {
      return bridged(b);
    } else if (event instanceof PbxEvent.ChannelHungUp h) {
      channels.remove(h.channel());
      Optional<LiveCall> call = live.values().stream().filter(l -> l.origin.equals(h.channel())).findFirst();
      if (call.isPresent()) {
        LiveCall l = call.get();
        live.remove(l.callId);
        if (l.state == RecordingState.RECORDING || l.state == RecordingState.PAUSED) {
          return serially(l.callId, () -> finish(l, h.at()));
        }
      }
    }
    return Future.succeededFuture();
  }

  /**
   * A bridge with an operator's device: the inbound call among its members starts recording (once: transfers and
   * the other member's bridge event find it recording already). Without an inbound call the operator dialled out,
   * and the conversation is their leg's call. The ACD's legs to operators have their own call id at the PBX and are
   * matched to the caller by bridge membership only.
   */
  private Future<Void> bridged(PbxEvent.ChannelsBridged b) {
    Optional<Channel> operatorLeg = b.members().stream().map(channels::get).filter(java.util.Objects::nonNull)
        .filter(c -> operatorByEndpoint.containsKey(c.endpoint())).findFirst();
    if (operatorLeg.isEmpty()) {
      return Future.succeededFuture();
    }
    String operator = operatorByEndpoint.get(operatorLeg.get().endpoint());
    Optional<LiveCall> conversation = live.values().stream().filter(l -> b.members().contains(l.origin)).findFirst();
    LiveCall call;
    if (conversation.isPresent()) {
      call = conversation.get();
    } else {
      Channel leg = operatorLeg.get();
      call = new LiveCall(leg.callId().value(), leg.id(), Direction.OUTBOUND, e164(leg.connectedNumber()));
      live.put(call.callId, call);
    }
    if (call.state == null) {
      return serially(call.callId, () -> start(call, operator, b.at()));
    }
    if (call.operator == null) {
      call.operator = operator;
    }
    return Future.succeededFuture();
  }

  /** What the ACD / IVR know about a call (line, topic, customer) before it reaches an operator. */
  public Future<Void> classify(String callId, Integer line, String topic, String customerId) {
    return onOwnContext(() -> {
      LiveCall call = live.get(callId);
      if (call != null) {
        call.line = line != null ? line : call.line;
        call.topic = topic != null ? topic : call.topic;
        call.customerId = customerId != null ? customerId : call.customerId;
      }
      return Future.succeededFuture();
    });
  }

  /**
   * The CRM linked a call to a ticket: a live call keeps the ticket for its recording (catalogued at hang-up), a
   * finished one links its catalogued recording. False when the call has no recording to link.
   */
  public Future<Boolean> ticketLinked(String callId, long ticket, String actor) {
    return onOwnContext(() -> {
      LiveCall call = live.get(callId);
      if (call != null) {
        if (!call.tickets.contains(ticket)) {
          call.tickets.add(ticket);
        }
        return Future.succeededFuture(true);
      }
      return catalog.linkTicketByCall(callId, ticket, actor, clock.instant());
    });
  }

  /** Runs {@code work} on the lifecycle's context (HTTP handlers and other modules call from their own). */
  private <T> Future<T> onOwnContext(java.util.function.Supplier<Future<T>> work) {
    if (context == null || Vertx.currentContext() == context) {
      return work.get();
    }
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  /**
   * Starts recording a call that has no operator, e.g. when the IVR takes a voicemail (after its consent
   * announcement); an operator joining later is added to the same recording. No-op when already recording.
   */
  public Future<Void> recordWithoutOperator(String callId) {
    return onOwnContext(() -> {
      LiveCall call = live.get(callId);
      if (call == null) {
        return Future.failedFuture(DomainException.notFound("no-such-call", "Call " + callId + " is not live"));
      }
      return call.state != null ? Future.succeededFuture() : serially(callId, () -> start(call, null, clock.instant()));
    });
  }

  private Future<Void> start(LiveCall call, String operator, Instant at) {
    if (call.state != null) {
      return Future.succeededFuture(); // a second bridge event of the same conversation, queued behind the first
    }
    if (!rules.shouldRecord(new RecordingRules.CallFacts(call.line, call.direction, call.topic))) {
      call.state = RecordingState.STOPPED;
      LOG.info("Call {} is not recorded (recording rules)", call.callId);
      return Future.succeededFuture();
    }
    call.recordingId = UUID.randomUUID().toString();
    call.operator = operator;
    call.file = monitorDir.resolve(safe(call.callId) + ".wav");
    call.startedAt = at;
    call.state = RecordingState.RECORDING;
    return pbx.startRecording(call.origin, call.file.toString())
        .compose(v -> journal.append(JournalEntry.of("recordings.started").at(at).call(call.callId).line(call.line)
            .operator(operator).phone(call.phone).customer(call.customerId).data(startFacts(call))))
        .onFailure(e -> call.state = null);
  }

  /** What the monitor sweep needs to catalogue this recording's file should the process die before hang-up. */
  private static Map<String, Object> startFacts(LiveCall call) {
    Map<String, Object> data = new HashMap<>();
    data.put("recording", call.recordingId);
    data.put("direction", call.direction.id());
    if (call.topic != null) {
      data.put("topic", call.topic);
    }
    return data;
  }

  /** Pauses the call's recording (the operator on the call, or a supervisor/admin). */
  public Future<Void> pause(String callId, Viewer viewer) {
    return onOwnContext(() -> mute(callId, viewer, true));
  }

  public Future<Void> resume(String callId, Viewer viewer) {
    return onOwnContext(() -> mute(callId, viewer, false));
  }

  private Future<Void> mute(String callId, Viewer viewer, boolean muted) {
    LiveCall call = live.get(callId);
    if (call == null || call.state == null || call.recordingId == null) {
      return Future.failedFuture(DomainException.notFound("no-live-recording", "Call " + callId + " is not being recorded"));
    }
    if (!(viewer.admin() || viewer.supervisor() || viewer.username().equals(call.operator))) {
      return Future.failedFuture(DomainException.forbidden("recording-forbidden",
          "Only the operator on the call or a supervisor may pause its recording"));
    }
    RecordingState next;
    try {
      next = muted ? call.state.pause() : call.state.resume();
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    Instant now = clock.instant();
    return pbx.muteRecording(call.origin, muted)
        .compose(v -> {
          call.state = next;
          return catalog.audit(new AuditEntry(now, viewer.username(),
              muted ? AuditEntry.Action.PAUSED : AuditEntry.Action.RESUMED, call.recordingId, null,
              Map.of("call", callId)));
        });
  }

  private Future<Void> finish(LiveCall call, Instant at) {
    call.state = RecordingState.STOPPED;
    String key = DAY.format(call.startedAt) + "/" + call.recordingId + ".wav";
    return pbx.stopRecording(call.origin)
        // The channel is gone by now: Asterisk has already stopped MixMonitor and closed the file.
        .recover(e -> Future.succeededFuture())
        .compose(v -> putWhenClosed(call, key, FILE_CLOSE_ATTEMPTS))
        .map(f -> recording(call, at, f.key(), f.format(), f.sizeBytes(), f.durationMs(), f.sha256(),
            f.damaged() ? Recording.Status.DAMAGED : Recording.Status.STORED))
        .recover(e -> {
          if (e instanceof DomainException d && "recording-file-missing".equals(d.id())) {
            LOG.error("Recording file of call {} is missing: {}", call.callId, call.file);
            return Future.succeededFuture(recording(call, at, null, "wav", 0, 0, null, Recording.Status.MISSING));
          }
          return Future.failedFuture(e);
        })
        .compose(this::catalogue);
  }

  /**
   * Asterisk closes a MixMonitor file in the recorder's own thread, which may finish just after the hang-up event:
   * look again a few times before calling the file missing.
   */
  private Future<RecordingStore.StoredFile> putWhenClosed(LiveCall call, String key, int attemptsLeft) {
    return store.put(call.file, key).recover(e -> {
      io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
      if (attemptsLeft <= 1 || context == null
          || !(e instanceof DomainException d && "recording-file-missing".equals(d.id()))) {
        return Future.failedFuture(e);
      }
      return context.owner().timer(FILE_CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .compose(t -> putWhenClosed(call, key, attemptsLeft - 1));
    });
  }

  private Future<Void> catalogue(Recording r) {
    return pending.keep(r).compose(v -> catalogueKept(r));
  }

  /** Catalogues a recording already kept as pending; on failure it stays there for the next retry. */
  private Future<Void> catalogueKept(Recording r) {
    return catalog.save(r)
        .compose(v -> journal.append(JournalEntry.of("recordings.stored").at(r.endedAt()).call(r.callId())
            .line(r.line()).operator(r.operator())
            .data(Map.of("recording", r.id(), "status", r.status().id(), "durationMs", r.durationMs()))))
        .compose(v -> pending.drop(r.id()))
        .recover(e -> {
          LOG.warn("Recording {} of call {} is stored but not yet catalogued ({}); retrying later", r.id(), r.callId(),
              e.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Names of the monitor files a live call is writing or its hang-up is still moving (the sweep leaves them). */
  public Future<java.util.Set<String>> busyFiles() {
    return onOwnContext(() -> {
      java.util.Set<String> busy = new java.util.HashSet<>();
      live.values().forEach(l -> busy.add(safe(l.callId) + ".wav"));
      inFlight.keySet().forEach(callId -> busy.add(safe(callId) + ".wav"));
      return Future.succeededFuture(busy);
    });
  }

  /** Catalogues a recording recovered by the monitor sweep, through the same durable pending step as at hang-up. */
  Future<Void> catalogueRecovered(Recording r) {
    return onOwnContext(() -> pending.keep(r).compose(v -> catalogueKept(r)));
  }

  /** Catalogues the recordings that waited for the database; returns how many are still waiting. */
  public Future<Integer> retryPending() {
    return onOwnContext(this::retryNow);
  }

  private Future<Integer> retryNow() {
    return pending.all().compose(waiting -> {
      Future<Void> chain = Future.succeededFuture();
      for (Recording r : waiting) {
        chain = chain.compose(v -> catalogueKept(r));
      }
      return chain;
    }).compose(v -> pending.all()).map(List::size);
  }

  private Recording recording(LiveCall call, Instant endedAt, String key, String format, long size, long durationMs,
      String sha256, Recording.Status status) {
    return new Recording(call.recordingId, call.callId, call.startedAt, endedAt, call.direction, call.line, call.topic,
        call.operator, call.phone, call.customerId, key, format, size, durationMs, sha256, status, false, call.tickets);
  }

  private String e164(String raw) {
    return phones.normalise(raw).orElse(null);
  }

  /** Call ids come from the PBX; only safe characters reach a file name. */
  static String safe(String callId) {
    return callId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
