package org.gridcare.pbxsim.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gridcare.pbxsim.ami.AmiFrame;

/**
 * Outbound legs: AMI Originate and the Dial application. Both resolve a PJSIP dial string to an endpoint and the
 * simulated phone behind it, create the leg with the events Asterisk emits (Newchannel, AppDial Newexten,
 * caller-id updates, DialBegin, DialState, Newstate, DialEnd) and react to answer, reject, timeout or cancel.
 */
public final class Outbound {
  /** A resolved dial string: the endpoint the channel is named after and the phone address that rings. */
  record Target(String dialString, String address, EndpointConfig endpoint) {}

  private final Switchboard sb;
  private Function<String, Optional<IncomingCallHandler>> phoneFactory = a -> Optional.empty();

  Outbound(Switchboard sb) {
    this.sb = sb;
  }

  /** Supplies phones on demand (a configured endpoint or a trunk number nobody attached a phone to yet). */
  public void phoneFactory(Function<String, Optional<IncomingCallHandler>> factory) {
    this.phoneFactory = factory;
  }

  /** {@code PJSIP/op1001} or {@code PJSIP/<number>@trunk}; empty when no such endpoint exists. */
  Optional<Target> resolve(String channelSpec) {
    if (channelSpec == null || !channelSpec.regionMatches(true, 0, "PJSIP/", 0, 6)) {
      return Optional.empty();
    }
    String rest = channelSpec.substring(6).strip();
    int at = rest.indexOf('@');
    if (at >= 0) {
      String number = rest.substring(0, at);
      String endpoint = rest.substring(at + 1);
      if (number.isEmpty()) {
        return Optional.empty();
      }
      return sb.endpoint(endpoint).map(e -> new Target(rest, endpoint + "/" + number, e));
    }
    return sb.endpoint(rest).map(e -> new Target(rest, rest, e));
  }

  private Optional<IncomingCallHandler> phone(Target target) {
    return sb.phone(target.address()).or(() -> phoneFactory.apply(target.address()));
  }

  // ---- Originate ------------------------------------------------------------------------------------------------

  public Future<OriginateOutcome> originate(OriginateSpec spec) {
    Optional<Target> target = resolve(spec.channel());
    Optional<IncomingCallHandler> phone = target.flatMap(this::phone);
    if (target.isEmpty() || phone.isEmpty()) {
      return Future.succeededFuture(new OriginateOutcome(false, 0, spec.channel(), null, null, null));
    }
    EndpointConfig ep = target.get().endpoint();
    SimChannel ch = sb.allocate(ep.name(), spec.channelId());
    sb.register(ch, ChannelState.DOWN, ep.context(), "s", ep.callerIdNum(), ep.callerIdName());
    for (Map.Entry<String, String> v : spec.variables().entrySet()) {
      sb.setVariable(ch, v.getKey(), v.getValue());
    }
    sb.publish(ch.event("Newexten", "dialplan,all").add("Extension", ch.exten)
        .add("Application", "AppDial2").add("AppData", "(Outgoing Line)"));
    if (spec.callerIdNum() != null || spec.callerIdName() != null) {
      ch.callerIdNum = spec.callerIdNum();
      ch.callerIdName = spec.callerIdName();
      sb.publish(ch.event("NewCallerid", "call,all").add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
    }
    ch.connectedNum = SimChannel.orUnknown(ch.callerIdNum);
    ch.connectedName = SimChannel.orUnknown(ch.callerIdName);
    sb.publish(ch.event("NewConnectedLine", "call,all"));
    sb.publish(ch.snapshot(AmiFrame.event("DialBegin", "call,all"), "Dest").add("DialString", target.get().dialString()));
    return sb.ringer().ring(ch, phone.get(), spec.timeoutMillis(), () -> {
      sb.setState(ch, ChannelState.RINGING);
      sb.publish(ch.snapshot(AmiFrame.event("DialState", "call,all"), "Dest").add("DialStatus", "RINGING"));
    }).map(outcome -> originated(ch, spec, outcome));
  }

  private OriginateOutcome originated(SimChannel ch, OriginateSpec spec, Ringer.Outcome outcome) {
    switch (outcome) {
      case ANSWERED -> {
        sb.setState(ch, ChannelState.UP);
        sb.publish(ch.snapshot(AmiFrame.event("DialEnd", "call,all"), "Dest").add("DialStatus", "ANSWER"));
        if (spec.application() != null && !spec.application().isBlank()) {
          sb.runner().startApplication(ch, spec.application(), spec.data() == null ? "" : spec.data());
        } else {
          Location redirected = ch.pendingGoto;
          sb.runner().start(ch, redirected != null ? redirected
              : new Location(spec.context(), spec.exten(), spec.priority()));
        }
        return new OriginateOutcome(true, 4, ch.name(), ch.uniqueId(), ch.callerIdNum, ch.callerIdName);
      }
      case BUSY -> {
        endLeg(ch, "BUSY", HangupCause.USER_BUSY);
        return new OriginateOutcome(false, 5, spec.channel(), null, null, null);
      }
      case NO_ANSWER -> {
        endLeg(ch, "NOANSWER", HangupCause.NO_ANSWER);
        return new OriginateOutcome(false, 3, spec.channel(), null, null, null);
      }
      default -> {
        sb.publish(ch.snapshot(AmiFrame.event("DialEnd", "call,all"), "Dest").add("DialStatus", "CANCEL"));
        return new OriginateOutcome(false, 1, spec.channel(), null, null, null);
      }
    }
  }

  private void endLeg(SimChannel ch, String dialStatus, int cause) {
    sb.publish(ch.snapshot(AmiFrame.event("DialEnd", "call,all"), "Dest").add("DialStatus", dialStatus));
    sb.hangup(ch, cause, HangupOrigin.PBX);
  }

  // ---- Dial application -----------------------------------------------------------------------------------------

  /**
   * Dial(PJSIP/x[&...],timeout,options) from {@code caller}: rings the first target and bridges on answer. Completes
   * when the dial attempt or the bridged conversation is over, with DIALSTATUS set. Option {@code g} goes on in the
   * dialplan when the callee hangs up; otherwise the caller is hung up too.
   */
  Future<AppResult> dial(SimChannel caller, String spec, long timeoutMillis, String options) {
    String first = spec.split("&")[0].strip();
    Optional<Target> target = resolve(first);
    Optional<IncomingCallHandler> phone = target.flatMap(this::phone);
    if (target.isEmpty() || phone.isEmpty()) {
      sb.setVariable(caller, "DIALSTATUS", "CHANUNAVAIL");
      return Future.succeededFuture(AppResult.NEXT);
    }
    EndpointConfig ep = target.get().endpoint();
    SimChannel callee = sb.allocate(ep.name(), null);
    callee.linkedId = caller.linkedId;
    String cidNum = ep.callerIdNum() != null ? ep.callerIdNum() : caller.callerIdNum;
    String cidName = ep.callerIdName() != null ? ep.callerIdName() : caller.callerIdName;
    sb.register(callee, ChannelState.DOWN, ep.context(), "s", cidNum, cidName);
    callee.exten = caller.exten;
    callee.connectedNum = SimChannel.orUnknown(caller.callerIdNum);
    callee.connectedName = SimChannel.orUnknown(caller.callerIdName);
    sb.publish(callee.event("Newexten", "dialplan,all").add("Extension", callee.exten)
        .add("Application", "AppDial").add("AppData", "(Outgoing Line)"));
    sb.publish(callee.event("NewConnectedLine", "call,all"));
    sb.publish(callee.snapshot(caller.event("DialBegin", "call,all"), "Dest").add("DialString", target.get().dialString()));
    caller.connectedNum = SimChannel.orUnknown(callee.callerIdNum);
    caller.connectedName = SimChannel.orUnknown(callee.callerIdName);
    sb.publish(caller.event("NewConnectedLine", "call,all"));

    Promise<AppResult> result = Promise.promise();
    Activity[] callerActivity = new Activity[1];
    callerActivity[0] = () -> {
      // caller hung up or was redirected: stop ringing / leave the conversation
      if (!callee.hungUp() && callee.bridge == null) {
        sb.publish(callee.snapshot(caller.event("DialEnd", "call,all"), "Dest").add("DialStatus", "CANCEL"));
        sb.setVariable(caller, "DIALSTATUS", "CANCEL");
        Activity ringing = callee.activity;
        if (ringing != null) {
          ringing.cancel();
        }
        sb.hangup(callee, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
      }
      result.tryComplete(AppResult.NEXT);
    };
    caller.activity = callerActivity[0];
    sb.ringer().ring(callee, phone.get(), timeoutMillis, () -> {
      sb.publish(callee.snapshot(caller.event("DialState", "call,all"), "Dest").add("DialStatus", "RINGING"));
      sb.setState(callee, ChannelState.RINGING);
    }).onSuccess(outcome -> {
      if (result.future().isComplete()) {
        return;
      }
      switch (outcome) {
        case ANSWERED -> connect(caller, callee, options, result);
        case BUSY -> failed(caller, callee, "BUSY", HangupCause.USER_BUSY, result);
        case NO_ANSWER -> failed(caller, callee, "NOANSWER", HangupCause.NO_ANSWER, result);
        default -> failed(caller, callee, "CANCEL", HangupCause.NORMAL_CLEARING, result);
      }
    });
    return result.future().onComplete(r -> {
      if (caller.activity == callerActivity[0]) {
        caller.activity = null;
      }
    });
  }

  private void connect(SimChannel caller, SimChannel callee, String options, Promise<AppResult> result) {
    sb.setState(callee, ChannelState.UP);
    sb.answer(caller);
    sb.publish(callee.snapshot(caller.event("DialEnd", "call,all"), "Dest").add("DialStatus", "ANSWER"));
    sb.setVariable(caller, "DIALSTATUS", "ANSWER");
    callee.exten = "";
    sb.publish(callee.event("Newexten", "dialplan,all").add("Extension", "")
        .add("Application", "AppDial").add("AppData", "(Outgoing Line)"));
    boolean goOn = options != null && options.contains("g");
    sb.bridging().bridge(
        callee, c -> sb.hangup(c, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX),
        caller, c -> result.tryComplete(goOn ? AppResult.NEXT : AppResult.hangup(HangupCause.NORMAL_CLEARING)));
  }

  private void failed(SimChannel caller, SimChannel callee, String status, int cause,
      Promise<AppResult> result) {
    sb.publish(callee.snapshot(caller.event("DialEnd", "call,all"), "Dest").add("DialStatus", status));
    sb.hangup(callee, cause, HangupOrigin.PBX);
    sb.setVariable(caller, "DIALSTATUS", status);
    result.tryComplete(AppResult.NEXT);
  }
}
