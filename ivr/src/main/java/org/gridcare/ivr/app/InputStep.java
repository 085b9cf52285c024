package org.gridcare.ivr.app;

import io.vertx.core.Future;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.InputNode;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.Node;

/**
 * What every input node shares: the prompt is played while collecting (a key interrupts it), {@code *} plays it
 * again, no input and invalid input are apologised for and re-prompted, and after the node's tries the caller goes
 * to its on-fail node (the operator by default). Each attempt is journaled.
 */
abstract class InputStep<N extends Node & InputNode> implements Step<N> {
  /** Repeats beyond this count as invalid input, so a stuck key cannot hold a session forever. */
  static final int MAX_REPEATS = 5;

  /** An accepted input: where it leads and how it is journaled ({@code key} only for menu choices, never an id). */
  record Answer(Next next, InputKind kind, String key, String outcome) {
    static Answer goTo(String node, InputKind kind, String key) {
      return new Answer(new Next.GoTo(node), kind, key, node);
    }
  }

  abstract int maxDigits(N node);

  /** The answer for what the caller typed, or null when it is not acceptable. */
  abstract Answer interpret(IvrCall call, N node, String input);

  @Override
  public Future<Next> exec(IvrCall call, N node) {
    return attempt(call, node, 1, 0);
  }

  private Future<Next> attempt(IvrCall call, N node, int attempt, int repeats) {
    IvrMenu menu = call.menu();
    return call.sound(node.prompt())
        .compose(prompt -> call.session().collect(prompt, menu.timeoutOf(node), maxDigits(node)))
        .compose(input -> {
          if (input.contains("*") && repeats < MAX_REPEATS) {
            return call.step(node, InputKind.REPEAT, null, "repeat", attempt)
                .compose(v -> attempt(call, node, attempt, repeats + 1));
          }
          Answer answer = input.contains("*") ? null : interpret(call, node, input);
          if (answer != null) {
            return call.step(node, answer.kind(), answer.key(), answer.outcome(), attempt).map(v -> answer.next());
          }
          InputKind kind = input.isEmpty() ? InputKind.NO_INPUT : InputKind.INVALID;
          if (attempt >= menu.triesOf(node)) {
            return call.step(node, kind, null, "gave-up", attempt).map(v -> new Next.GoTo(menu.onFailOf(node)));
          }
          String apology = kind == InputKind.NO_INPUT ? IvrMenu.NO_INPUT_PROMPT
              : node.invalidPrompt() != null ? node.invalidPrompt() : IvrMenu.INVALID_PROMPT;
          return call.step(node, kind, null, "retry", attempt)
              .compose(v -> call.sound(apology))
              .compose(sound -> call.session().play(sound, ""))
              .compose(v -> attempt(call, node, attempt + 1, repeats));
        });
  }
}
