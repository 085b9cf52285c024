package org.gridcare.ivr.app;

import io.vertx.core.Future;
import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.HangUpNode;
import org.gridcare.ivr.domain.InputKind;

/** Says goodbye and hangs up: self-served when a service completed the caller's request. */
final class HangUpStep implements Step<HangUpNode> {
  @Override
  public Future<Next> exec(IvrCall call, HangUpNode node) {
    Future<Void> goodbye = node.prompt() == null ? Future.succeededFuture()
        : call.sound(node.prompt()).compose(sound -> call.session().play(sound, "")).mapEmpty();
    Ending ending = call.endingSoFar(Ending.ENDED);
    return goodbye
        .compose(v -> call.step(node, InputKind.NONE, null, ending.key(), 1))
        .compose(v -> call.session().hangUp())
        .map(v -> new Next.Finish(ending, null));
  }
}
