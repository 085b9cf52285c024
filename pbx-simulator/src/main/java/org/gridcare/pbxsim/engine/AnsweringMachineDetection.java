package org.gridcare.pbxsim.engine;

import java.util.List;

/**
 * Asterisk's {@code AMD()} (app_amd) run over a {@link Greeting}: the same state machine over 20 ms frames of voice or
 * silence, the same parameters and defaults (amd.conf), the same AMDSTATUS / AMDCAUSE values, and the time the
 * decision takes. Arguments: initialSilence, greeting, afterGreetingSilence, totalAnalysisTime, minimumWordLength,
 * betweenWordsSilence, maximumNumberOfWords, silenceThreshold (no meaning without audio), maximumWordLength.
 */
public record AnsweringMachineDetection(int initialSilence, int greeting, int afterGreetingSilence,
    int totalAnalysisTime, int minimumWordLength, int betweenWordsSilence, int maximumNumberOfWords,
    int maximumWordLength) {
  private static final int FRAME_MS = 20;

  /** The result: the variables AMD sets and how long after its start it set them. */
  public record Result(String status, String cause, long afterMillis) {}

  /** The defaults of app_amd when amd.conf does not change them. */
  public static final AnsweringMachineDetection DEFAULTS =
      new AnsweringMachineDetection(2500, 1500, 800, 5000, 100, 50, 3, 5000);

  /** The application's arguments; empty ones keep the default, as Asterisk's {@code atoi} of a set one wins. */
  public static AnsweringMachineDetection fromArguments(List<String> args) {
    AnsweringMachineDetection d = DEFAULTS;
    return new AnsweringMachineDetection(arg(args, 0, d.initialSilence), arg(args, 1, d.greeting),
        arg(args, 2, d.afterGreetingSilence), arg(args, 3, d.totalAnalysisTime), arg(args, 4, d.minimumWordLength),
        arg(args, 5, d.betweenWordsSilence), arg(args, 6, d.maximumNumberOfWords), arg(args, 8, d.maximumWordLength));
  }

  private static int arg(List<String> args, int index, int fallback) {
    if (index >= args.size() || args.get(index).isBlank()) {
      return fallback;
    }
    // atoi: leading digits, 0 when there are none
    String digits = args.get(index).strip().replaceFirst("^(-?\\d*).*$", "$1");
    try {
      return digits.isEmpty() || digits.equals("-") ? 0 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** Classifies the greeting frame by frame until a rule fires or the analysis time is used up. */
  public Result analyse(Greeting heard) {
    boolean inInitialSilence = true;
    boolean inGreeting = false;
    boolean inWord = true;
    int voice = 0;
    int silence = 0;
    int consecutiveVoice = 0;
    int words = 0;
    int total = 0;
    for (long at = 0; ; at += FRAME_MS) {
      total += FRAME_MS;
      if (total >= totalAnalysisTime) {
        return new Result("NOTSURE", "TOOLONG-" + total, total);
      }
      if (!heard.voiceAt(at)) {
        silence += FRAME_MS;
        if (silence >= betweenWordsSilence) {
          inWord = false;
          consecutiveVoice = 0;
        }
        if (inInitialSilence && silence >= initialSilence) {
          return new Result("MACHINE", "INITIALSILENCE-" + silence + "-" + initialSilence, total);
        }
        if (inGreeting && silence >= afterGreetingSilence) {
          return new Result("HUMAN", "HUMAN-" + silence + "-" + afterGreetingSilence, total);
        }
        continue;
      }
      silence = 0;
      consecutiveVoice += FRAME_MS;
      voice += FRAME_MS;
      if (consecutiveVoice >= minimumWordLength && !inWord) {
        words++;
        inWord = true;
      }
      if (consecutiveVoice >= maximumWordLength) {
        return new Result("MACHINE", "MAXWORDLENGTH-" + consecutiveVoice, total);
      }
      if (words >= maximumNumberOfWords) {
        return new Result("MACHINE", "MAXWORDS-" + words + "-" + maximumNumberOfWords, total);
      }
      if (inGreeting && voice >= greeting) {
        return new Result("MACHINE", "LONGGREETING-" + voice + "-" + greeting, total);
      }
      if (consecutiveVoice >= minimumWordLength && !inGreeting) {
        inInitialSilence = false;
        inGreeting = true;
      }
    }
  }
}
