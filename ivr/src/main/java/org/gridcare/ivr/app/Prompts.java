package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.Map;
import org.gridcare.ivr.domain.IvrMenu;

/**
 * Turns a prompt id into a sound file the PBX can play (path without extension): a recorded file when present,
 * otherwise the prompt text of {@code menu} (the one the call started with) with the variables filled in, rendered by
 * text-to-speech.
 */
public interface Prompts {
  Future<String> sound(IvrMenu menu, String language, String promptId, Map<String, String> variables);
}
