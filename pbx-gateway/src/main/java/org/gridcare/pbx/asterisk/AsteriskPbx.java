package org.gridcare.pbx.asterisk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.BridgeAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.MixMonitorMuteAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.GetVarResponse;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbx.domain.PbxStatus;
import org.gridcare.pbx.domain.SpyMode;
import org.gridcare.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Pbx} port over Asterisk's AMI. Channels are addressed by Uniqueid; AMI wants names, the table maps. */
public final class AsteriskPbx implements Pbx {
  private static final Logger log = LoggerFactory.getLogger(AsteriskPbx.class);
  /** The PJSIP endpoint of the toll-free trunk in config/asterisk/pjsip.conf, used to ring external numbers. */
  static final String TRUNK = "trunk";

  private record Subscriber(Context context, Consumer<PbxEvent> listener) {}

  private final Vertx vertx;
  private final PbxConfig.Ami config;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final AmiEventTranslator translator = new AmiEventTranslator(this::publish, this::hangupRequested);
  private volatile Consumer<ChannelId> hangupListener = c -> {};
  private final AmiConnection ami;

  AsteriskPbx(Vertx vertx, Context context, PbxConfig.Ami config, String secret) {
    this.vertx = vertx;
    this.config = config;
    this.ami = new AmiConnection(vertx, context, config, secret, translator);
  }

  Future<Void> start() {
    return ami.start();
  }

  Future<Void> close() {
    return ami.close();
  }

  /** Internal signal for the FastAGI side: the channel is being hung up (called on Asterisk-Java's thread). */
  void onHangupRequested(Consumer<ChannelId> listener) {
    this.hangupListener = listener;
  }

  private void hangupRequested(ChannelId channel) {
    hangupListener.accept(channel);
  }

  /** The call a live channel belongs to, as far as AMI has told us (the FastAGI side has no Linkedid). */
  Optional<CallId> callOf(ChannelId channel) {
    return translator.callOf(channel);
  }

  @Override
  public Future<OriginateResult> originate(OriginateRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.endpoint() == null || request.target() == null) {
      return Future.failedFuture(DomainException.invalid("bad-originate", "originate needs an endpoint and a target"));
    }
    OriginateAction action = new OriginateAction();
    action.setChannel(dialString(request.endpoint()));
    action.setContext(request.target().context());
    action.setExten(request.target().extension());
    action.setPriority(request.target().priority());
    if (request.callerIdNumber() != null) {
      action.setCallerId(request.callerIdName() == null ? request.callerIdNumber()
          : "\"" + request.callerIdName() + "\" <" + request.callerIdNumber() + ">");
    }
    if (!request.variables().isEmpty()) {
      action.setVariables(request.variables());
    }
    action.setTimeout(request.ringTimeout().toMillis());
    action.setAsync(true);
    return ami.sendAsync(action, request.ringTimeout().plus(config.actionTimeout()))
        .map(this::originateResult);
  }

  @Override
  public Future<Void> redirect(ChannelId channel, DialplanTarget target) {
    return withName(channel, name -> ami.send(
        new RedirectAction(name, target.context(), target.extension(), target.priority())).mapEmpty());
  }

  @Override
  public Future<Void> redirectBoth(ChannelId first, DialplanTarget firstTarget, ChannelId second,
      DialplanTarget secondTarget) {
    return withName(first, one -> withName(second, two -> ami.send(new RedirectAction(one, two,
        firstTarget.context(), firstTarget.extension(), firstTarget.priority(),
        secondTarget.context(), secondTarget.extension(), secondTarget.priority())).mapEmpty()));
  }

  @Override
  public Future<Void> hangUp(ChannelId channel, HangupCause cause) {
    int code = cause == null ? HangupCause.NORMAL_CLEARING.code() : cause.code();
    return withName(channel, name -> ami.send(new HangupAction(name, code)).mapEmpty());
  }

  @Override
  public Future<Void> bridge(ChannelId first, ChannelId second) {
    return withName(first, one -> withName(second, two -> ami.send(new BridgeAction(one, two)).mapEmpty()));
  }

  @Override
  public Future<Void> startRecording(ChannelId channel, String fileName) {
    if (fileName == null || fileName.isBlank()) {
      return Future.failedFuture(DomainException.invalid("bad-recording-file", "a recording needs a file name"));
    }
    return withName(channel, name -> ami.send(new MixMonitorAction(name, fileName)).mapEmpty());
  }

  @Override
  public Future<Void> stopRecording(ChannelId channel) {
    return withName(channel, name -> ami.send(new StopMixMonitorAction(name)).mapEmpty());
  }

  @Override
  public Future<Void> muteRecording(ChannelId channel, boolean muted) {
    return withName(channel, name -> ami.send(new MixMonitorMuteAction(name, "both", muted ? 1 : 0)).mapEmpty());
  }

  @Override
  public Future<OriginateResult> spy(Endpoint supervisor, ChannelId target, SpyMode mode) {
    return withName(target, name -> originate(new OriginateRequest(supervisor, DialplanTarget.of(Contexts.SPY),
        null, null, Map.of("CC_SPY_TARGET", name, "CC_SPY_MODE", mode.option()), null)));
  }

  @Override
  public Future<Void> setVariable(ChannelId channel, String name, String value) {
    return withName(channel, ch -> ami.send(new SetVarAction(ch, name, value)).mapEmpty());
  }

  @Override
  public Future<Optional<String>> getVariable(ChannelId channel, String name) {
    return withName(channel, ch -> ami.send(new GetVarAction(ch, name)).map(r -> {
      String value = r instanceof GetVarResponse g ? g.getValue() : r.getAttribute("Value");
      return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }));
  }

  @Override
  public Future<List<Channel>> activeChannels() {
    return ami.sendList(new CoreShowChannelsAction()).map(items -> items.stream()
        .filter(CoreShowChannelEvent.class::isInstance)
        .map(e -> AmiEventTranslator.snapshotOf((CoreShowChannelEvent) e, Instant.now()))
        .toList());
  }

  /**
   * A subscriber that joins while the link is up first gets a {@link PbxEvent.PbxConnected} with the current channel
   * table, so it never has to race the initial reconciliation.
   */
  @Override
  public AutoCloseable subscribe(Consumer<PbxEvent> listener) {
    Subscriber subscriber = new Subscriber(vertx.getOrCreateContext(), listener);
    translator.atomically(() -> {
      subscribers.add(subscriber);
      if (ami.status().connected()) {
        deliver(subscriber, new PbxEvent.PbxConnected(Instant.now(), translator.snapshot()));
      }
    });
    return () -> subscribers.remove(subscriber);
  }

  @Override
  public PbxStatus status() {
    return ami.status();
  }

  /** Called in PBX order under the translator's lock; each subscriber's context queue keeps that order. */
  private void publish(PbxEvent event) {
    for (Subscriber s : subscribers) {
      deliver(s, event);
    }
  }

  private static void deliver(Subscriber s, PbxEvent event) {
    s.context().runOnContext(v -> {
      try {
        s.listener().accept(event);
      } catch (RuntimeException e) {
        log.error("PBX event listener failed on {}", event.getClass().getSimpleName(), e);
      }
    });
  }

  private <T> Future<T> withName(ChannelId channel, java.util.function.Function<String, Future<T>> command) {
    if (channel == null) {
      return Future.failedFuture(DomainException.invalid("bad-channel", "a channel id is required"));
    }
    if (!ami.status().connected()) {
      return Future.failedFuture(AmiFailures.unavailable("a channel command", null));
    }
    return translator.channelName(channel)
        .map(command)
        .orElseGet(() -> Future.failedFuture(AmiFailures.noSuchChannel(channel.value())));
  }

  private OriginateResult originateResult(ResponseEvents events) {
    AmiFailures.check("Originate", events.getResponse());
    OriginateResponseEvent outcome = events.getEvents().stream()
        .filter(OriginateResponseEvent.class::isInstance).map(OriginateResponseEvent.class::cast)
        .findFirst().orElse(null);
    if (outcome == null) {
      return OriginateResult.failed(OriginateResult.Outcome.FAILED);
    }
    int reason = outcome.getReason() == null ? 0 : outcome.getReason();
    if ("Success".equalsIgnoreCase(outcome.getResponse()) || reason == 4) {
      ChannelId channel = new ChannelId(outcome.getUniqueId());
      return new OriginateResult(OriginateResult.Outcome.ANSWERED, channel,
          translator.callOf(channel).orElse(new CallId(outcome.getUniqueId())));
    }
    return OriginateResult.failed(outcomeOf(reason));
  }

  /** Asterisk's originate reason is the last control frame: 1 hangup, 3 ringing, 5 busy, 8 congestion. */
  static OriginateResult.Outcome outcomeOf(int reason) {
    return switch (reason) {
      case 1, 3 -> OriginateResult.Outcome.NO_ANSWER;
      case 5 -> OriginateResult.Outcome.BUSY;
      case 8 -> OriginateResult.Outcome.CONGESTION;
      default -> OriginateResult.Outcome.FAILED;
    };
  }

  static String dialString(Endpoint endpoint) {
    return endpoint.kind() == Endpoint.Kind.DEVICE ? endpoint.address() : "PJSIP/" + endpoint.address() + "@" + TRUNK;
  }
}
