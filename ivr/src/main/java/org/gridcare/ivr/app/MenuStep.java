package org.gridcare.ivr.app;

import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.MenuNode;

/** One key chooses the next node. */
final class MenuStep extends InputStep<MenuNode> {
  @Override
  int maxDigits(MenuNode node) {
    return 1;
  }

  @Override
  Answer interpret(IvrCall call, MenuNode node, String input) {
    String next = node.options().get(input);
    return next == null ? null : Answer.goTo(next, InputKind.KEY, input);
  }
}
