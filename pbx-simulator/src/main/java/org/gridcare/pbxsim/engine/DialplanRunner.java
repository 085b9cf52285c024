package org.gridcare.pbxsim.engine;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.Optional;
import org.gridcare.pbxsim.dialplan.DialplanStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a channel through the dialplan: publishes {@code Newexten} for each priority with its substituted data,
 * runs the application and moves on (next priority, jump, redirect target or hang-up). A run is abandoned when the
 * channel's {@code runGeneration} changes (AMI Bridge took it, or a new run started).
 */
final class DialplanRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DialplanRunner.class);

  private final Switchboard sb;
  private final Applications apps;

  DialplanRunner(Switchboard sb, Applications apps) {
    this.sb = sb;
    this.apps = apps;
  }

  void start(SimChannel ch, Location at) {
    int gen = ++ch.runGeneration;
    ch.pendingGoto = null;
    ch.dialplanRunning = true;
    moveTo(ch, at);
    loop(ch, gen);
  }

  /** Originate with Application/Data: run just that application, then hang up. */
  void startApplication(SimChannel ch, String application, String data) {
    int gen = ++ch.runGeneration;
    ch.dialplanRunning = true;
    ch.application = application;
    ch.applicationData = data;
    apps.run(ch, application, data).onComplete(ar -> {
      if (ch.runGeneration != gen) {
        return;
      }
      ch.dialplanRunning = false;
      if (ch.hungUp()) {
        sb.destroy(ch);
      } else {
        sb.hangup(ch, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
      }
    });
  }

  private void loop(SimChannel ch, int gen) {
    while (true) {
      if (ch.runGeneration != gen) {
        return;
      }
      if (ch.hungUp() && !ch.inHangupHandler && !enterHangupHandler(ch)) {
        sb.destroy(ch);
        return;
      }
      Optional<DialplanStep> step = sb.dialplan().step(ch.context, ch.exten, ch.priority);
      if (step.isEmpty()) {
        if (ch.inHangupHandler) {
          sb.destroy(ch);
        } else {
          fellOff(ch);
        }
        return;
      }
      String data = sb.expand(ch, step.get().data());
      ch.application = step.get().application();
      ch.applicationData = data;
      sb.publish(ch.event("Newexten", "dialplan,all").add("Extension", ch.exten)
          .add("Application", step.get().application()).add("AppData", data));
      Future<AppResult> result = apps.run(ch, step.get().application(), data);
      if (!result.isComplete()) {
        result.onComplete(ar -> {
          if (advance(ch, gen, ar)) {
            loop(ch, gen);
          }
        });
        return;
      }
      if (!advance(ch, gen, result)) {
        return;
      }
    }
  }

  private boolean advance(SimChannel ch, int gen, AsyncResult<AppResult> ar) {
    if (ch.runGeneration != gen) {
      return false;
    }
    if (ch.hungUp() && !ch.inHangupHandler) {
      return true;
    }
    if (ch.pendingGoto != null && !ch.hungUp()) {
      moveTo(ch, ch.pendingGoto);
      ch.pendingGoto = null;
      return true;
    }
    if (ar.failed()) {
      LOG.warn("{} failed in {} on {}", ch.application, ch.context, ch.name(), ar.cause());
      ch.dialplanRunning = false;
      sb.hangup(ch, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
      return false;
    }
    AppResult r = ar.result();
    switch (r.kind()) {
      case NEXT -> ch.priority++;
      case JUMP -> moveTo(ch, r.jump());
      default -> {
        if (ch.hungUp()) {
          sb.destroy(ch);
        } else {
          // stays "running" so the loop can run the h extension before the Hangup event
          sb.hangup(ch, r.cause(), HangupOrigin.PBX);
          return true;
        }
        return false;
      }
    }
    return true;
  }

  /**
   * Asterisk runs the {@code h} extension of the current context once a channel in the dialplan hangs up, before
   * the Hangup event. Returns false when there is none.
   */
  private boolean enterHangupHandler(SimChannel ch) {
    if (ch.ranHangupHandler || sb.dialplan().step(ch.context, "h", 1).isEmpty()) {
      return false;
    }
    ch.ranHangupHandler = true;
    ch.inHangupHandler = true;
    ch.exten = "h";
    ch.priority = 1;
    return true;
  }

  private static void moveTo(SimChannel ch, Location at) {
    ch.context = at.context();
    ch.exten = at.exten();
    ch.priority = at.priority();
  }

  /**
   * No such priority. Past the last priority of an existing extension Asterisk's autofallthrough hangs up with
   * Normal Clearing; an unknown context or extension (e.g. a Redirect to nowhere) ends with cause 0 after a
   * SoftHangupRequest, as captured.
   */
  private void fellOff(SimChannel ch) {
    ch.dialplanRunning = false;
    if (sb.dialplan().findExtension(ch.context, ch.exten).isPresent()) {
      sb.hangup(ch, HangupCause.NORMAL_CLEARING, HangupOrigin.PBX);
    } else {
      sb.publish(ch.event("SoftHangupRequest", "call,all").add("Cause", HangupCause.NORMAL_CLEARING));
      sb.hangup(ch, HangupCause.UNKNOWN, HangupOrigin.PBX);
    }
  }
}
