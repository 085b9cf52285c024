package org.gridcare.desktop.files;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ConfigProblem;
import org.gridcare.desktop.domain.Survey;

/**
 * Loads every {@code *.yaml} survey of a directory ({@code config/surveys}) and validates it like the call scripts:
 * unknown keys, wrong types, a missing English or Russian text, an unknown ticket topic, duplicate ids... all reported
 * at once with the file and key path ({@link ConfigException}); a directory that does not exist means no surveys.
 */
public final class YamlSurveys {
  private static final ObjectMapper YAML = ConfigLoader.yamlMapper();

  private YamlSurveys() {}

  record SurveyFile(String id, Map<String, String> title, String ticketTopic, List<QuestionFile> questions) {}

  record QuestionFile(String id, Map<String, String> text, String type, List<OptionFile> options, Boolean required) {}

  record OptionFile(String id, Map<String, String> text) {}

  /** Surveys by id. */
  public static Map<String, Survey> load(Path dir, Set<String> ticketTopics) {
    if (!Files.isDirectory(dir)) {
      return Map.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigProblem(dir.toString(), "", "cannot list: " + e.getMessage())));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Survey> surveys = new HashMap<>();
    for (Path file : files) {
      parse(file, ticketTopics, problems).ifPresent(s -> {
        if (surveys.putIfAbsent(s.id(), s) != null) {
          problems.add(new ConfigProblem(file.toString(), "id", "a second survey with id " + s.id()));
        }
      });
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return Map.copyOf(surveys);
  }

  static Optional<Survey> parse(Path file, Set<String> ticketTopics, List<ConfigProblem> problems) {
    SurveyFile raw;
    try {
      raw = YAML.readValue(file.toFile(), SurveyFile.class);
    } catch (JsonMappingException e) {
      String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      problems.add(new ConfigProblem(file.toString(), key, e.getOriginalMessage()));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(new ConfigProblem(file.toString(), "", e.getMessage()));
      return Optional.empty();
    }
    if (raw == null) {
      problems.add(new ConfigProblem(file.toString(), "", "empty file"));
      return Optional.empty();
    }
    List<Survey.Question> questions = new ArrayList<>();
    List<QuestionFile> given = raw.questions() == null ? List.of() : raw.questions();
    Set<String> reported = new java.util.HashSet<>(); // unknown types, kept as null so later indexes stay right
    for (int i = 0; i < given.size(); i++) {
      QuestionFile q = given.get(i);
      Survey.Type type = null;
      if (q.type() != null) {
        try {
          type = Survey.Type.valueOf(q.type().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
          problems.add(new ConfigProblem(file.toString(), "questions[" + i + "].type",
              "unknown type " + q.type() + " (scale, yes-no, choice, text)"));
          reported.add("questions[" + i + "].type");
        }
      }
      List<Survey.Option> options = q.options() == null ? List.of()
          : q.options().stream().map(o -> new Survey.Option(o.id(), o.text())).toList();
      questions.add(new Survey.Question(q.id(), q.text() == null ? Map.of() : q.text(), type, options,
          Boolean.TRUE.equals(q.required())));
    }
    Survey survey = new Survey(raw.id(), raw.title() == null ? Map.of() : raw.title(), raw.ticketTopic(), questions);
    List<String[]> wrong = survey.problems(ticketTopics).stream().filter(w -> !reported.contains(w[0])).toList();
    wrong.forEach(w -> problems.add(new ConfigProblem(file.toString(), w[0], w[1])));
    return wrong.isEmpty() && reported.isEmpty() ? Optional.of(survey) : Optional.empty();
  }
}
