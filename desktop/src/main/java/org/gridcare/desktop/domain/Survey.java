package org.gridcare.desktop.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;

/**
 * A survey an operator runs with a caller (a satisfaction survey after a conversation, say): typed questions with
 * English and Russian texts. {@link #answer} checks a set of answers and gives what is stored: the typed values (for
 * the journal, so reports can count them) and the note saved into the call's ticket. A call without a ticket gets
 * one of {@code ticketTopic}.
 */
public record Survey(String id, Map<String, String> title, String ticketTopic, List<Question> questions) {
  /** The languages every text is given in. */
  public static final List<String> LANGUAGES = List.of("en", "ru");

  public Survey {
    title = Map.copyOf(title);
    questions = List.copyOf(questions);
  }

  /** SCALE is 1 (worst) to 5 (best). */
  public enum Type { SCALE, YES_NO, CHOICE, TEXT }

  /** One question; {@code text} by language; {@code options} only for CHOICE. */
  public record Question(String id, Map<String, String> text, Type type, List<Option> options, boolean required) {
    public Question {
      text = Map.copyOf(text);
      options = options == null ? List.of() : List.copyOf(options);
    }
  }

  /** A choice's option: a stable id (what is stored) and its words by language. */
  public record Option(String id, Map<String, String> text) {
    public Option {
      text = text == null ? Map.of() : Map.copyOf(text);
    }
  }

  /** The checked answers: typed values by question id (text answers excluded) and the ticket note. */
  public record Answers(Map<String, Object> values, List<String> textAnswered, String note) {}

  private static final String ID = "[a-z][a-z0-9-]{0,39}";

  /** What is wrong with this survey, as (key path, problem) pairs; empty when usable. */
  public List<String[]> problems(Set<String> ticketTopics) {
    List<String[]> out = new ArrayList<>();
    if (id == null || !id.matches(ID)) {
      out.add(new String[] {"id", "an id is 1..40 of a-z, 0-9 and dashes, starting with a letter"});
    }
    texts(out, "title", title);
    if (ticketTopic == null || !ticketTopics.contains(ticketTopic)) {
      out.add(new String[] {"ticket-topic", "unknown ticket topic " + ticketTopic + " (known: "
          + ticketTopics.stream().sorted().toList() + ")"});
    }
    if (questions.isEmpty()) {
      out.add(new String[] {"questions", "at least one question is required"});
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < questions.size(); i++) {
      Question q = questions.get(i);
      String key = "questions[" + i + "]";
      if (q.id() == null || !q.id().matches(ID)) {
        out.add(new String[] {key + ".id", "an id is 1..40 of a-z, 0-9 and dashes, starting with a letter"});
      } else if (!ids.add(q.id())) {
        out.add(new String[] {key + ".id", "duplicate question id " + q.id()});
      }
      texts(out, key + ".text", q.text());
      if (q.type() == null) {
        out.add(new String[] {key + ".type", "missing required value (scale, yes-no, choice, text)"});
      } else if (q.type() == Type.CHOICE) {
        if (q.options().size() < 2) {
          out.add(new String[] {key + ".options", "a choice needs at least two options"});
        }
        Set<String> optionIds = new HashSet<>();
        for (int j = 0; j < q.options().size(); j++) {
          Option o = q.options().get(j);
          String at = key + ".options[" + j + "]";
          if (o.id() == null || !o.id().matches(ID)) {
            out.add(new String[] {at + ".id", "an id is 1..40 of a-z, 0-9 and dashes, starting with a letter"});
          } else if (!optionIds.add(o.id())) {
            out.add(new String[] {at + ".id", "duplicate option id " + o.id()});
          }
          texts(out, at + ".text", o.text());
        }
      } else if (!q.options().isEmpty()) {
        out.add(new String[] {key + ".options", "only a choice has options"});
      }
    }
    return out;
  }

  private static void texts(List<String[]> out, String key, Map<String, String> text) {
    for (String language : LANGUAGES) {
      String t = text.get(language);
      if (t == null || t.isBlank()) {
        out.add(new String[] {key + "." + language, "missing required value"});
      }
    }
    text.keySet().stream().filter(l -> !LANGUAGES.contains(l)).sorted()
        .forEach(l -> out.add(new String[] {key + "." + l, "unknown language " + l + " (en, ru)"}));
  }

  /**
   * Checks {@code answers} (question id → answer as sent: a scale as 1..5, yes-no as yes/no, a choice as an option id,
   * text up to 2000 characters). Unknown ids, a missing required answer or a wrong value fail with
   * {@code invalid-answers} naming every problem; nothing answered at all fails too.
   */
  public Answers answer(Map<String, String> answers) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (String given : answers.keySet()) {
      if (questions.stream().noneMatch(q -> q.id().equals(given))) {
        problems.put(given, "no such question");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> textAnswered = new ArrayList<>();
    StringBuilder note = new StringBuilder("Survey \"").append(title.get("en")).append("\" (").append(id).append("):");
    for (Question q : questions) {
      String raw = answers.get(q.id());
      String value = raw == null ? "" : raw.strip();
      if (value.isEmpty()) {
        if (q.required()) {
          problems.put(q.id(), "an answer is required");
        }
        continue;
      }
      String problem = switch (q.type()) {
        case SCALE -> value.matches("[1-5]") ? null : "a whole number from 1 to 5";
        case YES_NO -> value.equals("yes") || value.equals("no") ? null : "answer yes or no";
        case CHOICE -> q.options().stream().anyMatch(o -> o.id().equals(value)) ? null
            : "one of " + q.options().stream().map(Option::id).toList();
        case TEXT -> value.length() > 2000 ? "at most 2000 characters" : null;
      };
      if (problem != null) {
        problems.put(q.id(), problem);
        continue;
      }
      switch (q.type()) {
        case SCALE -> values.put(q.id(), Integer.parseInt(value));
        case TEXT -> textAnswered.add(q.id());
        default -> values.put(q.id(), value);
      }
      note.append("\n- ").append(q.text().get("en")).append(" ").append(q.type() == Type.SCALE ? value + "/5" : value);
    }
    if (problems.isEmpty() && values.isEmpty() && textAnswered.isEmpty()) {
      problems.put("answers", "answer at least one question");
    }
    if (!problems.isEmpty()) {
      throw new DomainException(ErrorKind.INVALID, "invalid-answers",
          "Some answers do not fit the survey: " + problems, Map.copyOf(problems));
    }
    return new Answers(java.util.Collections.unmodifiableMap(values), List.copyOf(textAnswered), note.toString());
  }
}
