package org.gridcare.notifications.app;

import io.vertx.core.Future;

/**
 * Text to speech (the IVR module owns the engine): renders {@code text} in {@code language} to a sound file the PBX
 * can play, and returns its prompt name (path without extension).
 */
@FunctionalInterface
public interface Speech {
  Future<String> render(String text, String language);
}
