package org.gridcare.ivr.app;

/**
 * A text-to-speech engine. Blocking: the {@link TtsCache} calls it on its worker thread, one text at a time. Another
 * engine can be configured for languages the built-in one (FreeTTS, English) lacks.
 */
public interface Tts {
  /** Engine and voice ({@code freetts/kevin}). */
  String name();

  /** The engine and voice that speak the language: part of the cache key. */
  default String name(String language) {
    return name();
  }

  boolean speaks(String language);

  /** The text spoken as a WAV file: 8 kHz, 16-bit signed PCM, mono (what Asterisk plays). */
  byte[] synthesise(String language, String text);
}
