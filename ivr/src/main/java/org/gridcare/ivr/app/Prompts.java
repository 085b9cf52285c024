package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Turns a prompt id into a sound file the PBX can play (path without extension): a recorded file when present,
 * otherwise the prompt text with the variables filled in, rendered by text-to-speech.
 */
public interface Prompts {
  Future<String> sound(String language, String promptId, Map<String, String> variables);
}
