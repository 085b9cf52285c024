package org.gridcare.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the IVR menu and recorded prompts are, the text-to-speech engines for dynamic text, which lines offer the
 * post-call survey, and where callers' voicemail messages are written ({@code voicemail-dir}, default
 * {@code <storage.data-dir>/voicemail}, filled in by {@link ContactCentreConfig}; the PBX must be able to write there,
 * and privacy's retention and erasure read it).
 */
public record IvrConfig(String menuFile, String promptsDir, Tts tts, Survey survey, String voicemailDir) {
  public IvrConfig {
    menuFile = menuFile == null ? "config/ivr.yaml" : menuFile;
    promptsDir = promptsDir == null ? "config/prompts" : promptsDir;
    tts = tts == null ? new Tts(null, null, null, null) : tts;
    survey = survey == null ? new Survey(null) : survey;
  }

  public static IvrConfig defaults() {
    return new IvrConfig(null, null, null, null, null);
  }

  /** With {@code voicemail-dir} defaulted to {@code <dataDir>/voicemail} when not set. */
  IvrConfig withVoicemailDirIn(String dataDir) {
    return voicemailDir != null ? this
        : new IvrConfig(menuFile, promptsDir, tts, survey, Path.of(dataDir, "voicemail").toString());
  }

  /**
   * {@code engine: freetts} (built in, English) with {@code voice: kevin} (8 kHz); rendered WAVs cached in
   * {@code cache-dir}. {@code languages} gives other languages their own engine, e.g.
   * {@code ru: {engine: command, command: [espeak-ng, -v, ru, -w, "{out}", "{text}"]}}.
   */
  public record Tts(String engine, String voice, String cacheDir, Map<String, LanguageEngine> languages) {
    public static final String FREETTS = "freetts";
    public static final String COMMAND = "command";

    public Tts {
      engine = engine == null ? FREETTS : engine;
      voice = voice == null ? "kevin" : voice;
      cacheDir = cacheDir == null ? "data/tts" : cacheDir;
      languages = languages == null ? Map.of() : Map.copyOf(languages);
    }
  }

  /**
   * The engine for one language. {@code command}: the program and its arguments, run once per text; {@code {text}}
   * is replaced by the text and {@code {out}} by the WAV file to write (any rate: the IVR converts to 8 kHz mono).
   */
  public record LanguageEngine(String engine, List<String> command) {
    public LanguageEngine {
      command = command == null ? List.of() : List.copyOf(command);
    }
  }

  /** Callers queued for these lines hear the 1–5 satisfaction survey when the operator hangs up first. */
  public record Survey(List<Integer> lines) {
    public Survey {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }
  }

  void validate(Problems p) {
    p.check(tts.engine().equals(Tts.FREETTS), "ivr.tts.engine",
        "unknown engine " + tts.engine() + " (known as the main engine: freetts)");
    tts.languages().forEach((language, e) -> {
      String key = "ivr.tts.languages." + language;
      if (e == null) {
        p.add(key, "missing engine");
        return;
      }
      if (!Tts.COMMAND.equals(e.engine())) {
        p.add(key + ".engine", "unknown engine " + e.engine() + " for a language (known: command; freetts speaks "
            + "English only and is the main engine)");
      } else if (e.command().isEmpty()) {
        p.add(key + ".command", "missing the program to run");
      } else {
        p.check(e.command().stream().anyMatch(a -> a.contains("{text}")), key + ".command",
            "no {text} argument: the engine would not know what to say");
        p.check(e.command().stream().anyMatch(a -> a.contains("{out}")), key + ".command",
            "no {out} argument: the engine would not know where to write the WAV");
        p.check(executable(e.command().get(0)), key + ".command",
            "program " + e.command().get(0) + " not found (not an executable file, nor on PATH)");
      }
    });
  }

  /** A path to an executable file, or a program name found on {@code PATH}. */
  static boolean executable(String program) {
    if (program.contains(File.separator)) {
      return Files.isExecutable(Path.of(program));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
