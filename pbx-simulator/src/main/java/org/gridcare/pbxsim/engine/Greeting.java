package org.gridcare.pbxsim.engine;

import java.util.List;

/**
 * What the far end sends in the first seconds after it answers, as alternating stretches of voice and silence
 * (milliseconds, starting with voice; silence goes on after the last stretch). Answering machine detection
 * ({@code AMD}) classifies a call from it.
 */
public record Greeting(List<Integer> voiceAndSilence) {
  /** A person: "Hello?" (0.6 s), then waits for an answer. */
  public static final Greeting PERSON = new Greeting(List.of(600));
  /** An answering machine: "Hello, you have reached 555 1234, please leave a message after the tone". */
  public static final Greeting MACHINE = new Greeting(List.of(900, 150, 1200, 120, 1600, 300, 900));
  /** Someone who picks up and says nothing. */
  public static final Greeting SILENT = new Greeting(List.of());

  public Greeting {
    voiceAndSilence = List.copyOf(voiceAndSilence);
    if (voiceAndSilence.stream().anyMatch(ms -> ms < 0)) {
      throw new IllegalArgumentException("durations must not be negative: " + voiceAndSilence);
    }
  }

  /** Whether the party is speaking {@code atMillis} after answering. */
  boolean voiceAt(long atMillis) {
    long t = 0;
    for (int i = 0; i < voiceAndSilence.size(); i++) {
      t += voiceAndSilence.get(i);
      if (atMillis < t) {
        return i % 2 == 0;
      }
    }
    return false;
  }
}
