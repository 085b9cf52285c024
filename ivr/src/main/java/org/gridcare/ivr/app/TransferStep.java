package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.MenuCatalogue.TopicRoute;
import org.gridcare.ivr.domain.TransferNode;
import org.gridcare.pbx.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the caller to the ACD: sets the routing hints on the channel (and {@code CC_SURVEY=yes} when the line offers
 * the post-call survey or the caller opted in with {@code accept-survey}), enqueues the call, then sets
 * {@code CC_NEXT=wait} so the dialplan continues in {@code cc-wait} when the script ends. {@code CC_NEXT} is set
 * last so a failed hand-off never leaves the caller waiting in a queue that does not know them.
 */
final class TransferStep implements Step<TransferNode> {
  static final String NEXT = "CC_NEXT";
  static final String LINE = "CC_LINE";
  static final String CUSTOMER = "CC_CUSTOMER";
  static final String LANGUAGE = "CC_LANGUAGE";
  /** {@code yes}: the dialplan sends the caller to cc-survey when the operator hangs up first. */
  static final String SURVEY = "CC_SURVEY";
  private static final Logger LOG = LoggerFactory.getLogger(TransferStep.class);

  private final Map<String, TopicRoute> topics;
  private final AcdHandoff acd;
  private final OpeningHours hours;
  private final Set<Integer> surveyLines;

  TransferStep(Map<String, TopicRoute> topics, AcdHandoff acd, OpeningHours hours, Set<Integer> surveyLines) {
    this.topics = topics;
    this.acd = acd;
    this.hours = hours;
    this.surveyLines = Set.copyOf(surveyLines);
  }

  @Override
  public Future<Next> exec(IvrCall call, TransferNode node) {
    TopicRoute route = node.route(topics.get(node.topic()));
    if (node.whenClosed() != null && !hours.isOpen(route.line())) {
      return call.step(node, InputKind.NONE, null, "line-closed", 1).map(v -> new Next.GoTo(node.whenClosed()));
    }
    CallSession session = call.session();
    Future<Void> announce = node.prompt() == null ? Future.succeededFuture()
        : call.sound(node.prompt()).compose(sound -> session.play(sound, "")).mapEmpty();
    AcdHandoff.Handoff handoff = new AcdHandoff.Handoff(session.info().call(), session.info().channel(), route.line(),
        route.topic(), route.priority(), route.hazard(), call.customerId(), call.callerNumber(), call.language());
    return announce
        .compose(v -> session.setVariable(LINE, String.valueOf(route.line())))
        .compose(v -> session.setVariable("CC_TOPIC", route.topic()))
        .compose(v -> session.setVariable("CC_PRIORITY", String.valueOf(route.priority())))
        .compose(v -> session.setVariable("CC_HAZARD", String.valueOf(route.hazard())))
        .compose(v -> call.customerId() == null ? Future.succeededFuture() : session.setVariable(CUSTOMER, call.customerId()))
        .compose(v -> session.setVariable(LANGUAGE, call.language()))
        .compose(v -> surveyLines.contains(route.line()) || "yes".equals(call.variable(UtilityActions.SURVEY_ACCEPTED))
            ? session.setVariable(SURVEY, "yes") : Future.succeededFuture())
        .compose(v -> acd.enqueue(handoff).transform(queued -> {
          if (queued.succeeded()) {
            return session.setVariable(NEXT, "wait")
                .compose(x -> call.step(node, InputKind.NONE, null, "queued-line-" + route.line(), 1))
                .map(x -> (Next) new Next.Finish(Ending.TRANSFERRED, route));
          }
          LOG.error("ACD hand-off failed for call {} (line {}, topic {}): {}", call.callId(), route.line(), route.topic(),
              queued.cause().toString());
          return call.step(node, InputKind.NONE, null, "handoff-failed", 1)
              .map(x -> node.onError() != null ? new Next.GoTo(node.onError()) : new Next.Finish(Ending.FAILED, null));
        }));
  }
}
