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
 * The questions an operator works through on a call of one topic. Answers are typed; {@link #answer} checks them and
 * renders the note saved into the ticket.
 */
public record CallScript(String topic, Map<String, String> title, List<Question> questions) {

  public CallScript {
    title = Map.copyOf(title);
    questions = List.copyOf(questions);
  }

  public enum Type { TEXT, YES_NO, NUMBER, CHOICE }

  /** One question; {@code text} by language (en, ru); {@code options} only for CHOICE. */
  public record Question(String id, Map<String, String> text, Type type, List<String> options, boolean required) {
    public Question {
      text = Map.copyOf(text);
      options = options == null ? List.of() : List.copyOf(options);
    }
  }

  /** What is wrong with this script, as (key path, problem) pairs; empty when usable. */
  public List<String[]> problems(Set<String> knownTopics) {
    List<String[]> out = new ArrayList<>();
    if (topic == null || !knownTopics.contains(topic)) {
      out.add(new String[] {"topic", "unknown topic " + topic + " (known: " + knownTopics.stream().sorted().toList() + ")"});
    }
    if (title.get("en") == null) {
      out.add(new String[] {"title.en", "missing required value"});
    }
    if (questions.isEmpty()) {
      out.add(new String[] {"questions", "at least one question is required"});
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < questions.size(); i++) {
      Question q = questions.get(i);
      String key = "questions[" + i + "]";
      if (q.id() == null || !q.id().matches("[a-z][a-z0-9-]{0,39}")) {
        out.add(new String[] {key + ".id", "an id is 1..40 of a-z, 0-9 and dashes, starting with a letter"});
      } else if (!ids.add(q.id())) {
        out.add(new String[] {key + ".id", "duplicate question id " + q.id()});
      }
      if (q.text().get("en") == null) {
        out.add(new String[] {key + ".text.en", "missing required value"});
      }
      if (q.type() == null) {
        out.add(new String[] {key + ".type", "missing required value (text, yes-no, number, choice)"});
      } else if (q.type() == Type.CHOICE && q.options().size() < 2) {
        out.add(new String[] {key + ".options", "a choice needs at least two options"});
      } else if (q.type() != Type.CHOICE && !q.options().isEmpty()) {
        out.add(new String[] {key + ".options", "only a choice has options"});
      }
    }
    return out;
  }

  /**
   * Checks {@code answers} (question id → answer as typed) against the questions and renders the ticket note, one
   * line per answered question in script order. Unknown ids, a missing required answer or a wrong type fail with
   * {@code invalid-answers} naming every problem.
   */
  public String answer(Map<String, String> answers) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (String id : answers.keySet()) {
      if (questions.stream().noneMatch(q -> q.id().equals(id))) {
        problems.put(id, "no such question");
      }
    }
    StringBuilder note = new StringBuilder("Call script \"").append(title.get("en")).append("\":");
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
        case TEXT -> value.length() > 2000 ? "at most 2000 characters" : null;
        case YES_NO -> value.equals("yes") || value.equals("no") ? null : "answer yes or no";
        case NUMBER -> value.matches("-?\\d{1,12}([.,]\\d{1,6})?") ? null : "a number is expected";
        case CHOICE -> q.options().contains(value) ? null : "one of " + q.options();
      };
      if (problem != null) {
        problems.put(q.id(), problem);
        continue;
      }
      note.append("\n- ").append(q.text().get("en")).append(" ").append(value);
    }
    if (!problems.isEmpty()) {
      throw new DomainException(ErrorKind.INVALID, "invalid-answers",
          "Some answers do not fit the script: " + problems, Map.copyOf(problems));
    }
    return note.toString();
  }
}
