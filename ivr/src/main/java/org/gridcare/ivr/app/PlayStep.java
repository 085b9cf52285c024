package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.Optional;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.PlayNode;

/** Plays the prompt; a shortcut key pressed meanwhile interrupts it and jumps. */
final class PlayStep implements Step<PlayNode> {
  @Override
  public Future<Next> exec(IvrCall call, PlayNode node) {
    String keys = String.join("", node.shortcuts().keySet());
    return call.sound(node.prompt())
        .compose(sound -> call.session().play(sound, keys))
        .compose((Optional<Character> digit) -> {
          String key = digit.map(String::valueOf).orElse(null);
          String next = key != null && node.shortcuts().containsKey(key) ? node.shortcuts().get(key) : node.next();
          return call.step(node, key == null ? InputKind.NONE : InputKind.KEY, key, next, 1).map(v -> new Next.GoTo(next));
        });
  }
}
