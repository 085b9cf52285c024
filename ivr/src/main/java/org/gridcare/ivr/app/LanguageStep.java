package org.gridcare.ivr.app;

import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.LanguageNode;

/** A key switches the prompt language; no key keeps the current one. */
final class LanguageStep extends InputStep<LanguageNode> {
  @Override
  int maxDigits(LanguageNode node) {
    return 1;
  }

  @Override
  Answer interpret(IvrCall call, LanguageNode node, String input) {
    if (input.isEmpty()) {
      return new Answer(new Next.GoTo(node.next()), InputKind.NO_INPUT, null, node.next());
    }
    String language = node.options().get(input);
    if (language == null) {
      return null;
    }
    call.language(language);
    return Answer.goTo(node.next(), InputKind.KEY, input);
  }
}
