package org.gridcare.ivr.app;

import io.vertx.core.Future;
import org.gridcare.ivr.domain.ActionNode;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.MenuCatalogue.ActionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the named service and branches on its outcome; a failing service is the outcome {@code error}. */
final class ActionStep implements Step<ActionNode> {
  private static final Logger LOG = LoggerFactory.getLogger(ActionStep.class);
  private final UtilityActions actions;

  ActionStep(UtilityActions actions) {
    this.actions = actions;
  }

  @Override
  public Future<Next> exec(IvrCall call, ActionNode node) {
    return actions.run(node.service(), call)
        .recover(e -> {
          LOG.warn("IVR action {} failed for call {}: {}", node.service(), call.callId(), e.toString());
          return Future.succeededFuture(ActionSpec.ERROR);
        })
        .compose(outcome -> {
          if (actions.spec(node.service()).served().contains(outcome)) {
            call.served(node.service());
          }
          String next = node.next(outcome);
          return call.step(node, InputKind.NONE, null, outcome, 1).map(v -> new Next.GoTo(next));
        });
  }
}
