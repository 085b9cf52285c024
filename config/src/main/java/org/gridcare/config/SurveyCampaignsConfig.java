package org.gridcare.config;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outbound phone survey campaigns (notifications module): the default calling window in the centre's time zone
 * ({@code window}, {@code from}–{@code to}, a window past midnight allowed) and the phone surveys a supervisor can run,
 * by id. A survey has an {@code intro} and {@code thanks} text and questions answered with one key from {@code min}
 * to {@code max} (digits 0–9); every text in every language of {@code locale.languages}.
 */
public record SurveyCampaignsConfig(Window window, Map<String, Survey> surveys) {
  public SurveyCampaignsConfig {
    window = window == null ? new Window(null, null) : window;
    surveys = surveys == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(surveys));
  }

  public static SurveyCampaignsConfig defaults() {
    return new SurveyCampaignsConfig(null, null);
  }

  /** Calls start only between {@code from} and {@code to} (HH:mm, local time of the centre). */
  public record Window(String from, String to) {
    public Window {
      from = from == null ? "09:00" : from;
      to = to == null ? "20:00" : to;
    }
  }

  public record Survey(Map<String, String> intro, List<Question> questions, Map<String, String> thanks) {
    public Survey {
      intro = intro == null ? Map.of() : Map.copyOf(intro);
      questions = questions == null ? List.of() : List.copyOf(questions);
      thanks = thanks == null ? Map.of() : Map.copyOf(thanks);
    }
  }

  /** One question: the text per language and the keys that answer it ({@code min}..{@code max}, default 1..5). */
  public record Question(String id, Map<String, String> text, Integer min, Integer max) {
    public Question {
      text = text == null ? Map.of() : Map.copyOf(text);
      min = min == null ? 1 : min;
      max = max == null ? 5 : max;
    }
  }

  /** A time of the window, or null when it is not HH:mm. */
  public static LocalTime time(String hhmm) {
    try {
      return hhmm != null && hhmm.matches("\\d{2}:\\d{2}") ? LocalTime.parse(hhmm) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  void validate(Problems p, List<String> languages) {
    String key = "survey-campaigns";
    p.check(time(window.from()) != null, key + ".window.from", "must be a time HH:mm, got " + window.from());
    p.check(time(window.to()) != null, key + ".window.to", "must be a time HH:mm, got " + window.to());
    p.check(!window.from().equals(window.to()), key + ".window", "from and to are the same time: the window is empty");
    surveys.forEach((id, s) -> {
      String sk = key + ".surveys." + id;
      p.check(id.matches("[a-z0-9][a-z0-9-]{0,39}"), sk, "a survey id is 1-40 lower-case letters, digits and -");
      if (s == null) {
        p.add(sk, "missing survey");
        return;
      }
      texts(p, sk + ".intro", s.intro(), languages);
      texts(p, sk + ".thanks", s.thanks(), languages);
      p.check(!s.questions().isEmpty(), sk + ".questions", "a survey needs at least one question");
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < s.questions().size(); i++) {
        Question q = s.questions().get(i);
        String qk = sk + ".questions[" + i + "]";
        if (q == null) {
          p.add(qk, "missing question");
          continue;
        }
        if (q.id() == null || !q.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
          p.add(qk + ".id", "a question id is 1-40 lower-case letters, digits and -, got " + q.id());
        } else if (!ids.add(q.id())) {
          p.add(qk + ".id", "duplicate question id " + q.id());
        }
        p.check(q.min() >= 0 && q.max() <= 9 && q.min() <= q.max(), qk,
            "answers are one key: 0 <= min <= max <= 9, got " + q.min() + ".." + q.max());
        texts(p, qk + ".text", q.text(), languages);
      }
    });
  }

  private static void texts(Problems p, String key, Map<String, String> texts, List<String> languages) {
    List<String> missing = new ArrayList<>();
    for (String language : languages) {
      String t = texts.get(language);
      if (t == null || t.isBlank()) {
        missing.add(language);
      }
    }
    p.check(missing.isEmpty(), key, "missing text for language(s) " + missing + " of locale.languages");
  }
}
