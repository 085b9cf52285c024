package org.gridcare.notifications.domain;

import java.util.List;
import java.util.Map;

/** A configured phone survey: an intro, questions answered with one key each, thanks; texts per language. */
public record PhoneSurvey(String id, Map<String, String> intro, List<Question> questions, Map<String, String> thanks) {
  public PhoneSurvey {
    intro = Map.copyOf(intro);
    questions = List.copyOf(questions);
    thanks = Map.copyOf(thanks);
  }

  /** One question, answered by a key from {@code min} to {@code max}. */
  public record Question(String id, Map<String, String> text, int min, int max) {
    public Question {
      text = Map.copyOf(text);
    }

    /** The answer a key gives, or null when the key does not answer this question. */
    public Integer answer(char key) {
      int digit = Character.isDigit(key) ? key - '0' : -1;
      return digit >= min && digit <= max ? digit : null;
    }

    /** The keys that answer it, for the PBX ({@code "12345"}). */
    public String keys() {
      StringBuilder b = new StringBuilder();
      for (int d = min; d <= max; d++) {
        b.append(d);
      }
      return b.toString();
    }
  }
}
