package org.gridcare.ivr.app;

import java.util.Map;

/** The main engine, with other engines for the languages they were configured for. */
public final class LanguageTts implements Tts {
  private final Tts main;
  private final Map<String, Tts> byLanguage;

  public LanguageTts(Tts main, Map<String, Tts> byLanguage) {
    this.main = main;
    this.byLanguage = Map.copyOf(byLanguage);
  }

  @Override
  public String name() {
    return main.name();
  }

  @Override
  public String name(String language) {
    return engine(language).name();
  }

  @Override
  public boolean speaks(String language) {
    return engine(language).speaks(language);
  }

  @Override
  public byte[] synthesise(String language, String text) {
    return engine(language).synthesise(language, text);
  }

  private Tts engine(String language) {
    return byLanguage.getOrDefault(language, main);
  }
}
