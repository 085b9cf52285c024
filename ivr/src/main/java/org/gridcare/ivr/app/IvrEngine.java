package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.IvrEvent;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.platform.domain.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ivr} call script: answers, walks the current menu from its start node until a step ends the session
 * (transfer, hang-up, or the caller leaving), and journals the start, every step and the end. A caller hanging up
 * ends the session cleanly as {@code abandoned} (or self-served, if a service already completed their request).
 */
public final class IvrEngine implements CallScript {
  /** A menu whose nodes lead round in circles without input must not hold a caller forever. */
  static final int MAX_STEPS = 200;
  private static final Logger LOG = LoggerFactory.getLogger(IvrEngine.class);

  /** Set on the caller's channel by the operator desktop sending them back to the IVR (cc-ivr-node). */
  public static final String NODE_VARIABLE = "CC_IVR_NODE";

  private final Supplier<IvrMenu> menus;
  private final Steps steps;
  private final Prompts prompts;
  private final IvrEvents events;
  private final PhoneNumbers phones;
  private final Clock clock;

  /** @param menus the current menu (a reload swaps it; a running call keeps the one it started with) */
  public IvrEngine(Supplier<IvrMenu> menus, Steps steps, Prompts prompts, IvrEvents events, PhoneNumbers phones,
      Clock clock) {
    this.menus = menus;
    this.steps = steps;
    this.prompts = prompts;
    this.events = events;
    this.phones = phones;
    this.clock = clock;
  }

  @Override
  public Future<Void> run(CallSession session) {
    return run(session, menus.get(), null, false);
  }

  /** A script that starts at the given node of the current menu ({@code voicemail} for cc-voicemail). */
  public CallScript startingAt(String nodeId) {
    return session -> run(session, menus.get(), nodeId, false);
  }

  /**
   * The {@code ivr-node} script (cc-ivr-node): a caller an operator sent back to the menu starts at the node in
   * {@code CC_IVR_NODE} (the menu's start when unset; a node the menu lacks hangs up, as for {@link #startingAt}).
   */
  public CallScript atChannelNode() {
    return session -> session.getVariable(NODE_VARIABLE)
        .compose(node -> run(session, menus.get(), node.filter(n -> !n.isBlank()).orElse(null), false));
  }

  /**
   * The post-call survey (cc-survey): starts at {@code nodeId} in the language, for the customer, line and operator
   * the channel carries ({@code CC_LANGUAGE}, {@code CC_CUSTOMER}, {@code CC_LINE}, {@code CC_OPERATOR}, set by the
   * IVR's transfer and the ACD's bridge). It is part of a call whose IVR session already ended, so it journals its
   * steps and the answer but no session of its own.
   */
  public CallScript survey(String nodeId) {
    return session -> run(session, menus.get(), nodeId, true);
  }

  private Future<Void> run(CallSession session, IvrMenu menu, String startNode, boolean survey) {
    if (startNode != null && !menu.nodes().containsKey(startNode)) {
      LOG.error("IVR script for call {} starts at node {}, which the current menu lacks: hanging up",
          session.info().call(), startNode);
      return session.hangUp();
    }
    String caller = phones.normalise(session.info().callerNumber()).orElse(null);
    IvrCall call = new IvrCall(session, menu, prompts, events, clock, caller);
    Future<Void> started = survey
        ? session.answer().compose(v -> call.fromChannel())
        : session.answer().compose(v -> call.record(new IvrEvent.SessionStarted(call.callId(), call.language(),
            clock.instant())));
    return started
        .compose(v -> walk(call, startNode != null ? startNode : menu.start()))
        .recover(e -> {
          if (e instanceof CallerHungUp || session.hungUp()) {
            return Future.succeededFuture(new Next.Finish(call.endingSoFar(Ending.ABANDONED), null));
          }
          LOG.error("IVR session of call {} failed at node {}", call.callId(), call.node(), e);
          return Future.succeededFuture(new Next.Finish(Ending.FAILED, null));
        })
        .compose(end -> {
          if (survey) {
            return Future.succeededFuture();
          }
          Next.Finish finish = (Next.Finish) end;
          return call.record(new IvrEvent.SessionEnded(call.callId(), finish.ending(), finish.route(), call.servedFlow(),
              call.node(), call.customerId(), call.callerNumber(), Duration.between(call.startedAt(), clock.instant()),
              call.steps(), clock.instant()));
        });
  }

  private Future<Next> walk(IvrCall call, String nodeId) {
    if (call.steps() >= MAX_STEPS) {
      LOG.error("IVR call {} passed {} steps without ending (menu loop at {}): hanging up", call.callId(), MAX_STEPS, nodeId);
      return call.session().hangUp().map(v -> new Next.Finish(Ending.FAILED, null));
    }
    call.enter(nodeId);
    return steps.exec(call, call.menu().node(nodeId))
        .compose(next -> next instanceof Next.GoTo g ? walk(call, g.node()) : Future.succeededFuture(next));
  }
}
