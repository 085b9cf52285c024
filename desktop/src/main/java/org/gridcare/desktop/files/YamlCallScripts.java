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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ConfigProblem;
import org.gridcare.desktop.domain.CallScript;

/**
 * Loads every {@code *.yaml} call script of a directory and validates it like the IVR menu: unknown keys, wrong
 * types, unknown topics, duplicate question ids, choices without options... all reported at once with the file and
 * key path ({@link ConfigException}); a directory that does not exist means no scripts.
 */
public final class YamlCallScripts {
  private static final ObjectMapper YAML = ConfigLoader.yamlMapper();

  private YamlCallScripts() {}

  record ScriptFile(String topic, Map<String, String> title, List<QuestionFile> questions) {}

  record QuestionFile(String id, Map<String, String> text, String type, List<String> options, Boolean required) {}

  /** Scripts by topic. */
  public static Map<String, CallScript> load(Path dir, Set<String> topics) {
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
    Map<String, CallScript> scripts = new HashMap<>();
    for (Path file : files) {
      parse(file, topics, problems).ifPresent(s -> {
        if (scripts.putIfAbsent(s.topic(), s) != null) {
          problems.add(new ConfigProblem(file.toString(), "topic", "a second script for topic " + s.topic()));
        }
      });
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return Map.copyOf(scripts);
  }

  static java.util.Optional<CallScript> parse(Path file, Set<String> topics, List<ConfigProblem> problems) {
    ScriptFile raw;
    try {
      raw = YAML.readValue(file.toFile(), ScriptFile.class);
    } catch (JsonMappingException e) {
      String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      problems.add(new ConfigProblem(file.toString(), key, e.getOriginalMessage()));
      return java.util.Optional.empty();
    } catch (IOException e) {
      problems.add(new ConfigProblem(file.toString(), "", e.getMessage()));
      return java.util.Optional.empty();
    }
    if (raw == null) {
      problems.add(new ConfigProblem(file.toString(), "", "empty file"));
      return java.util.Optional.empty();
    }
    List<CallScript.Question> questions = new ArrayList<>();
    List<QuestionFile> given = raw.questions() == null ? List.of() : raw.questions();
    for (int i = 0; i < given.size(); i++) {
      QuestionFile q = given.get(i);
      CallScript.Type type = null;
      if (q.type() != null) {
        try {
          type = CallScript.Type.valueOf(q.type().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
          problems.add(new ConfigProblem(file.toString(), "questions[" + i + "].type",
              "unknown type " + q.type() + " (text, yes-no, number, choice)"));
          continue;
        }
      }
      questions.add(new CallScript.Question(q.id(), q.text() == null ? Map.of() : q.text(), type, q.options(),
          Boolean.TRUE.equals(q.required())));
    }
    CallScript script = new CallScript(raw.topic(), raw.title() == null ? Map.of() : raw.title(), questions);
    List<String[]> wrong = script.problems(topics);
    wrong.forEach(w -> problems.add(new ConfigProblem(file.toString(), w[0], w[1])));
    return wrong.isEmpty() ? java.util.Optional.of(script) : java.util.Optional.empty();
  }
}
