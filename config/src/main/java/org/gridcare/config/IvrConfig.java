package org.gridcare.config;

/** Where the IVR menu and recorded prompts are, and the text-to-speech engine for dynamic text. */
public record IvrConfig(String menuFile, String promptsDir, Tts tts) {
  public IvrConfig {
    menuFile = menuFile == null ? "config/ivr.yaml" : menuFile;
    promptsDir = promptsDir == null ? "config/prompts" : promptsDir;
    tts = tts == null ? new Tts(null, null, null) : tts;
  }

  public static IvrConfig defaults() {
    return new IvrConfig(null, null, null);
  }

  /** {@code engine: freetts} (built in) with {@code voice: kevin} (8 kHz); rendered WAVs cached in {@code cache-dir}. */
  public record Tts(String engine, String voice, String cacheDir) {
    public Tts {
      engine = engine == null ? "freetts" : engine;
      voice = voice == null ? "kevin" : voice;
      cacheDir = cacheDir == null ? "data/tts" : cacheDir;
    }
  }

  void validate(Problems p) {
    p.check(tts.engine().equals("freetts"), "ivr.tts.engine", "unknown engine " + tts.engine() + " (known: freetts)");
  }
}
