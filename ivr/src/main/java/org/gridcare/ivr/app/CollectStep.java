package org.gridcare.ivr.app;

import org.gridcare.ivr.domain.CollectNode;
import org.gridcare.ivr.domain.InputKind;

/** Digits checked by the node's validator (a wrong GSRN check digit is rejected here), kept in a variable. */
final class CollectStep extends InputStep<CollectNode> {
  /**
   * One more than the longest entry, so the {@code #} the prompts ask for after a full-length entry ends this
   * collection instead of reaching the next input node as an empty answer; a longer entry fails the length check.
   */
  @Override
  int maxDigits(CollectNode node) {
    return node.maxLength() + 1;
  }

  @Override
  Answer interpret(IvrCall call, CollectNode node, String input) {
    if (input.isEmpty() || !node.accepts(input)) {
      return null;
    }
    call.variable(node.into(), input);
    return Answer.goTo(node.next(), InputKind.DIGITS, null);
  }
}
