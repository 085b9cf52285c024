package org.gridcare.ivr.app;

import io.vertx.core.Future;
import org.gridcare.ivr.domain.BranchNode;
import org.gridcare.ivr.domain.InputKind;

/** Chooses the next node by a variable's value. */
final class BranchStep implements Step<BranchNode> {
  @Override
  public Future<Next> exec(IvrCall call, BranchNode node) {
    String next = node.next(call.variable(node.variable()));
    return call.step(node, InputKind.NONE, null, next, 1).map(v -> new Next.GoTo(next));
  }
}
