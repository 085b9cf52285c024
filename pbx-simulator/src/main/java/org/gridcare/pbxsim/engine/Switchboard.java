package org.gridcare.pbxsim.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.gridcare.pbxsim.ami.AmiFrame;
import org.gridcare.pbxsim.dialplan.Dialplan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated PBX core: channel registry, variables, answer / hang-up / redirect / DTMF, and the AMI event stream.
 * Everything runs on one Vert.x context; public entry points called from elsewhere hop onto it with {@link #call}.
 */
public final class Switchboard {
  private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);

  private final Vertx vertx;
  private final Context context;
  private final Dialplan dialplan;
  private final EngineSettings settings;
  private final Map<String, String> globals;
  private final Map<String, EndpointConfig> endpoints;
  private final Map<String, IncomingCallHandler> phones = new HashMap<>();
  private final Map<String, SimChannel> channels = new LinkedHashMap<>();
  private final List<Consumer<AmiFrame>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final Random random;
  private final Bridging bridging;
  private final Media media;
  private final Conferences conferences = new Conferences(this);
  private final Ringer ringer;
  private final Outbound outbound;
  private final Recordings recordings;
  private final DialplanRunner runner;
  private final Applications applications;
  private final ChannelVariables variables;
  private final long startedAtMillis = System.currentTimeMillis();

  public Switchboard(Vertx vertx, Context context, Dialplan dialplan, Map<String, String> globalOverrides,
      Map<String, EndpointConfig> endpoints, EngineSettings settings, AgiLauncher agi) {
    this.vertx = vertx;
    this.context = context;
    this.dialplan = dialplan;
    this.settings = settings;
    this.globals = new LinkedHashMap<>(dialplan.globals());
    this.globals.putAll(globalOverrides);
    this.endpoints = new LinkedHashMap<>(endpoints);
    this.random = new Random(settings.seed());
    this.variables = new ChannelVariables(this, globals);
    this.bridging = new Bridging(this);
    this.media = new Media(this);
    this.ringer = new Ringer(this);
    this.outbound = new Outbound(this);
    this.recordings = new Recordings(this);
    this.applications = new Applications(this, agi);
    this.runner = new DialplanRunner(this, applications);
  }

  // ---- plumbing -------------------------------------------------------------------------------------------------

  public Vertx vertx() {
    return vertx;
  }

  public Context context() {
    return context;
  }

  public Dialplan dialplan() {
    return dialplan;
  }

  public EngineSettings settings() {
    return settings;
  }

  public Media media() {
    return media;
  }

  public Recordings recordings() {
    return recordings;
  }

  Conferences conferences() {
    return conferences;
  }

  /** The channels in the ConfBridge room {@code room} now, in the order they joined. */
  public List<String> conferenceMembers(String room) {
    return conferences.members(room);
  }

  public Outbound outbound() {
    return outbound;
  }

  Ringer ringer() {
    return ringer;
  }

  Bridging bridging() {
    return bridging;
  }

  public Applications applications() {
    return applications;
  }

  DialplanRunner runner() {
    return runner;
  }

  public Random random() {
    return random;
  }

  public long uptimeSeconds() {
    return (System.currentTimeMillis() - startedAtMillis) / 1000;
  }

  /** Runs {@code work} on the engine context and hands its result back to the caller's context. */
  public <T> Future<T> call(Supplier<T> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(work.get());
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  public void run(Runnable work) {
    if (Vertx.currentContext() == context) {
      work.run();
    } else {
      context.runOnContext(v -> work.run());
    }
  }

  public AutoCloseable onEvent(Consumer<AmiFrame> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void publish(AmiFrame event) {
    for (Consumer<AmiFrame> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("AMI event listener failed on {}", event.get("Event"), e);
      }
    }
  }

  int nextSequence() {
    return sequence.incrementAndGet();
  }

  // ---- endpoints and channels -----------------------------------------------------------------------------------

  public Optional<EndpointConfig> endpoint(String name) {
    return Optional.ofNullable(endpoints.get(name));
  }

  public void addEndpoint(EndpointConfig config) {
    endpoints.putIfAbsent(config.name(), config);
  }

  /** Registers the phone that answers for {@code address} ({@code op1001}, or {@code trunk/<number>}). */
  public void attachPhone(String address, IncomingCallHandler phone) {
    phones.put(address, phone);
  }

  Optional<IncomingCallHandler> phone(String address) {
    return Optional.ofNullable(phones.get(address));
  }

  /** Reserves a channel name and uniqueid without publishing anything (Newchannel comes with {@link #register}). */
  public SimChannel allocate(String endpoint, String uniqueId) {
    int n = nextSequence();
    String name = "PJSIP/" + endpoint + "-" + String.format("%08x", n);
    String id = uniqueId == null || uniqueId.isBlank() ? (System.currentTimeMillis() / 1000) + "." + n : uniqueId;
    return new SimChannel(name, id, endpoint, System.currentTimeMillis());
  }

  /** Makes the channel live and publishes {@code Newchannel}. */
  public void register(SimChannel ch, ChannelState state, String ctx, String exten, String cidNum, String cidName) {
    ch.state = state;
    ch.context = ctx;
    ch.exten = exten;
    ch.priority = 1;
    ch.callerIdNum = cidNum;
    ch.callerIdName = cidName;
    channels.put(ch.name(), ch);
    publish(ch.event("Newchannel", "call,all"));
  }

  /** A call from the trunk: the channel rings into {@code context} at extension {@code did}. */
  public void inbound(SimChannel ch, String context, String did, String callerNum, String callerName) {
    ch.dnid = did;
    register(ch, ChannelState.RING, context, did, callerNum, callerName);
    runner.start(ch, new Location(context, did, 1));
  }

  public Optional<SimChannel> channel(String name) {
    return Optional.ofNullable(name == null ? null : channels.get(name));
  }

  public Collection<SimChannel> channels() {
    return List.copyOf(channels.values());
  }

  public void observe(SimChannel ch, ChannelObserver observer) {
    ch.observer = observer;
  }

  void notifyPhase(SimChannel ch, ChannelObserver.Phase phase) {
    if (ch.observer != null) {
      ch.observer.phase(phase);
    }
  }

  void heard(SimChannel ch, String prompt) {
    if (ch.observer != null) {
      ch.observer.prompt(prompt);
    }
  }

  void setState(SimChannel ch, ChannelState state) {
    if (ch.state != state) {
      ch.state = state;
      publish(ch.event("Newstate", "call,all"));
      if (state == ChannelState.RINGING) {
        notifyPhase(ch, ChannelObserver.Phase.RINGING);
      } else if (state == ChannelState.UP) {
        notifyPhase(ch, ChannelObserver.Phase.UP);
      }
    }
  }

  public void answer(SimChannel ch) {
    setState(ch, ChannelState.UP);
  }

  // ---- variables ------------------------------------------------------------------------------------------------

  /** Expands {@code ${...}} and {@code $[...]} against the channel (may be null for globals only). */
  public String expand(SimChannel ch, String text) {
    return variables.expand(ch, text);
  }

  /** A variable or function value as Asterisk's Getvar / GET VARIABLE resolve it; null when unset. */
  public String getVariable(SimChannel ch, String name) {
    return variables.get(ch, name);
  }

  /** Sets a channel variable (VarSet event) or a global when {@code ch} is null. */
  public void setVariable(SimChannel ch, String name, String value) {
    variables.set(ch, name, value);
  }

  // ---- DTMF -----------------------------------------------------------------------------------------------------

  /** A digit from the simulated party: DTMFBegin/End events, then the running activity or the type-ahead buffer. */
  public void dtmf(SimChannel ch, char digit) {
    if (ch.hungUp()) {
      return;
    }
    String d = String.valueOf(digit);
    publish(ch.event("DTMFBegin", "dtmf,all").add("Digit", d).add("Direction", "Received"));
    publish(ch.event("DTMFEnd", "dtmf,all").add("Digit", d).add("DurationMs", 120).add("Direction", "Received"));
    Activity a = ch.activity;
    if (a == null || !a.digit(digit)) {
      ch.typeAhead().add(digit);
    }
  }

  // ---- phone hold ---------------------------------------------------------------------------------------------

  /**
   * The party's phone puts the call on hold (SIP re-INVITE sendonly) or resumes it: Hold (with MusicOnHoldClass) /
   * Unhold on the channel, and hold music for whoever shares its bridge.
   */
  public void phoneHold(SimChannel ch, boolean hold) {
    if (ch.hungUp()) {
      return;
    }
    publish(hold ? ch.event("Hold", "call,all").add("MusicOnHoldClass", "default") : ch.event("Unhold", "call,all"));
    if (ch.bridge != null) {
      for (SimChannel peer : List.copyOf(ch.bridge.members())) {
        if (peer != ch) {
          media.backgroundMusic(peer, hold, "default");
        }
      }
    }
  }

  // ---- activities -----------------------------------------------------------------------------------------------

  /** Installs {@code a} as what the channel does now; returns the activity it replaced (restore with pop). */
  public Activity pushActivity(SimChannel ch, Activity a) {
    return push(ch, a);
  }

  public void popActivity(SimChannel ch, Activity a, Activity previous) {
    pop(ch, a, previous);
  }

  Activity push(SimChannel ch, Activity a) {
    Activity previous = ch.activity;
    ch.activity = a;
    return previous;
  }

  void pop(SimChannel ch, Activity a, Activity previous) {
    if (ch.activity == a) {
      ch.activity = ch.hungUp() ? null : previous;
    }
  }

  private static void cancelActivity(SimChannel ch) {
    Activity a = ch.activity;
    if (a != null) {
      a.cancel();
    }
  }

  // ---- dialplan control -----------------------------------------------------------------------------------------

  /** Moves the channel's dialplan position (AGI SET CONTEXT/EXTENSION/PRIORITY, EXEC Goto). */
  public void moveChannel(SimChannel ch, Location location) {
    ch.context = location.context();
    ch.exten = location.exten();
    ch.priority = location.priority();
  }

  /** Starts (or restarts) the dialplan on the channel at {@code location}. */
  public void startDialplan(SimChannel ch, Location location) {
    runner.start(ch, location);
  }

  /**
   * AMI Redirect: out of any bridge, then to {@code location}. An application that is running is told to stop
   * (an AGI script gets HANGUP) and the dialplan continues there once it returned.
   */
  public void redirect(SimChannel ch, Location location) {
    if (ch.hungUp()) {
      return;
    }
    bridging.leaveQuietly(ch);
    conferences.leave(ch);
    if (ch.dialplanRunning && ch.activity != null) {
      ch.pendingGoto = location;
      cancelActivity(ch);
    } else if (!ch.dialplanRunning && ch.state != ChannelState.UP && ch.activity != null) {
      // an originated leg still ringing: it goes there once answered
      ch.pendingGoto = location;
    } else {
      runner.start(ch, location);
    }
  }

  /**
   * AMI Bridge: both channels leave what they were doing (a running AGI gets HANGUP and is left behind, like
   * Asterisk's channel yank) and meet in a new bridge. When the bridge breaks up, each continues at the priority after
   * the one it was on.
   */
  public void bridge(SimChannel a, SimChannel b) {
    for (SimChannel ch : List.of(a, b)) {
      if (ch.dialplanRunning) {
        ch.afterBridge = new Location(ch.context, ch.exten, ch.priority + 1);
        ch.runGeneration++;
        ch.dialplanRunning = false;
        Activity act = ch.activity;
        ch.activity = null;
        if (act != null) {
          act.cancel();
        }
      }
      answer(ch);
    }
    conferences.leave(a);
    conferences.leave(b);
    bridging.bridge(a, this::afterBridge, b, this::afterBridge);
  }

  private void afterBridge(SimChannel ch) {
    Location next = ch.afterBridge;
    ch.afterBridge = null;
    if (next == null) {
      hangup(ch, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
    } else {
      runner.start(ch, next);
    }
  }

  // ---- hang-up --------------------------------------------------------------------------------------------------

  public void hangup(SimChannel ch, int cause, HangupOrigin origin) {
    if (ch.hungUp()) {
      return;
    }
    switch (origin) {
      case PARTY -> {
        AmiFrame request = ch.event("HangupRequest", "call,all");
        if (ch.bridge != null) {
          request.add("Cause", cause);
        }
        publish(request);
      }
      case AMI -> publish(ch.event("SoftHangupRequest", "call,all").add("Cause", cause));
      default -> { }
    }
    ch.hangingUp = true;
    ch.hangupCause = cause;
    bridging.dissolveOnHangup(ch);
    conferences.leave(ch);
    recordings.channelGone(ch);
    media.channelGone(ch);
    Activity a = ch.activity;
    ch.activity = null;
    if (a != null) {
      a.cancel();
    }
    if (!ch.dialplanRunning) {
      destroy(ch);
    }
  }

  /** The channel is gone: {@code Hangup} event, removed from the registry. */
  void destroy(SimChannel ch) {
    if (ch.destroyed) {
      return;
    }
    ch.hangingUp = true;
    ch.destroyed = true;
    ch.dialplanRunning = false;
    channels.remove(ch.name());
    publish(ch.event("Hangup", "call,all").add("Cause", ch.hangupCause).add("Cause-txt", HangupCause.text(ch.hangupCause)));
    notifyPhase(ch, ChannelObserver.Phase.HUNG_UP);
    List<Runnable> hooks = List.copyOf(ch.onGone);
    ch.onGone.clear();
    hooks.forEach(Runnable::run);
  }

  /** All live channels, hung up (used when the simulator closes). */
  public void hangupAll() {
    for (SimChannel ch : new ArrayList<>(channels.values())) {
      hangup(ch, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
      destroy(ch);
    }
  }

}
