package org.gridcare.ivr.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ConfigProblem;
import org.gridcare.ivr.domain.ActionNode;
import org.gridcare.ivr.domain.BranchNode;
import org.gridcare.ivr.domain.CollectNode;
import org.gridcare.ivr.domain.HangUpNode;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.LanguageNode;
import org.gridcare.ivr.domain.MenuCatalogue;
import org.gridcare.ivr.domain.MenuNode;
import org.gridcare.ivr.domain.Node;
import org.gridcare.ivr.domain.PlayNode;
import org.gridcare.ivr.domain.TransferNode;
import org.gridcare.ivr.domain.Validator;
import org.gridcare.ivr.domain.VoicemailNode;

/**
 * Loads a menu from YAML. Shape:
 *
 * <pre>
 * start: welcome          # first node
 * operator: operator      # transfer node for callers who give up on an input
 * tries: 3                # default for input nodes
 * timeout: 5s             # default wait for a key
 * default-language: en
 * prompts: {en: {welcome: "Welcome to ..."}, ru: {...}}
 * phrases: {en: {time-unknown: "not yet known"}, ru: {...}}   # words actions put into variables
 * nodes:
 *   welcome: {type: play, prompt: welcome, next: main-menu}
 * </pre>
 *
 * Node kinds: play, menu, collect, action, branch, transfer, voicemail, language, hangup. A menu with any problem
 * is rejected as a whole with a {@link ConfigException} listing every problem.
 */
public final class YamlMenus {
  private static final Map<String, Class<? extends Node>> KINDS = kinds();
  private final ObjectMapper mapper;

  public YamlMenus() {
    SimpleModule validators = new SimpleModule().addDeserializer(Validator.class, new ValidatorDeserializer());
    this.mapper = ConfigLoader.yamlMapper().registerModule(validators);
  }

  /** Reads, binds and validates the file; blocking (file I/O): call it on a worker thread. */
  public IvrMenu load(Path file, MenuCatalogue catalogue) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw problem(file.toString(), "", "file not found");
    } catch (IOException e) {
      throw problem(file.toString(), "", "cannot read: " + e.getMessage());
    }
    return parse(text, file.toString(), catalogue);
  }

  public IvrMenu parse(String yaml, String fileName, MenuCatalogue catalogue) {
    JsonNode tree;
    try {
      tree = mapper.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw problem(fileName, "", "not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw problem(fileName, "", "the top level must be a mapping with start, operator, prompts and nodes");
    }
    List<ConfigProblem> problems = new ArrayList<>();
    MenuFile head = bind(tree, MenuFile.class, fileName, "", problems);
    if (head == null) {
      throw new ConfigException(problems);
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    head.nodes().forEach((id, spec) -> {
      Node node = node(id, spec, fileName, problems);
      if (node != null) {
        nodes.put(id, node);
      }
    });
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    IvrMenu menu = new IvrMenu(head.start(), head.operator(),
        head.tries() == null ? IvrMenu.DEFAULT_TRIES : head.tries(),
        head.timeout() == null ? IvrMenu.DEFAULT_TIMEOUT : head.timeout(),
        head.defaultLanguage() == null ? "en" : head.defaultLanguage(), head.prompts(), head.phrases(), nodes);
    menu.problems(catalogue).forEach(p -> problems.add(new ConfigProblem(fileName, p.key(), p.problem())));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return menu;
  }

  /** The factory: checks the node's id and kind, then binds its fields into the kind's class. */
  private Node node(String id, JsonNode spec, String fileName, List<ConfigProblem> problems) {
    String key = "nodes." + id;
    if (!id.matches("[a-z][a-z0-9-]*")) {
      problems.add(new ConfigProblem(fileName, key, "node id must be lower-case letters, digits and dashes"));
      return null;
    }
    if (!(spec instanceof ObjectNode fields)) {
      problems.add(new ConfigProblem(fileName, key, "a node must be a mapping with a type"));
      return null;
    }
    if (fields.has("id")) {
      problems.add(new ConfigProblem(fileName, key + ".id", "the node id is its key under nodes; remove id"));
      return null;
    }
    JsonNode type = fields.get("type");
    if (type == null || !type.isTextual()) {
      problems.add(new ConfigProblem(fileName, key + ".type", "missing required value (one of " + KINDS.keySet() + ")"));
      return null;
    }
    Class<? extends Node> kind = KINDS.get(type.asText());
    if (kind == null) {
      problems.add(new ConfigProblem(fileName, key + ".type", "unknown node type \"" + type.asText() + "\" (one of "
          + KINDS.keySet() + ")"));
      return null;
    }
    ObjectNode copy = fields.deepCopy();
    copy.remove("type");
    copy.put("id", id);
    return bind(copy, kind, fileName, key, problems);
  }

  private <T> T bind(JsonNode tree, Class<T> type, String fileName, String prefix, List<ConfigProblem> problems) {
    try {
      return mapper.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      List<String> known = new ArrayList<>();
      e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      known.remove("id");
      known.sort(null);
      problems.add(new ConfigProblem(fileName, join(prefix, path(e)), "unknown key \"" + e.getPropertyName()
          + "\" (known keys: " + String.join(", ", known) + ")"));
    } catch (InvalidFormatException e) {
      problems.add(new ConfigProblem(fileName, join(prefix, path(e)), "wrong value \"" + e.getValue() + "\": expected "
          + describe(e.getTargetType())));
    } catch (MismatchedInputException e) {
      problems.add(new ConfigProblem(fileName, join(prefix, path(e)), "wrong type: expected " + describe(e.getTargetType())));
    } catch (JsonProcessingException e) {
      problems.add(new ConfigProblem(fileName, join(prefix, e instanceof JsonMappingException m ? path(m) : ""),
          "invalid value: " + e.getOriginalMessage()));
    }
    return null;
  }

  private static String describe(Class<?> type) {
    if (type == Validator.class) {
      return "one of " + Arrays.stream(Validator.values()).map(Validator::key).toList();
    }
    if (type == Duration.class) {
      return "a duration such as 5s or 2m";
    }
    if (type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type != null && Map.class.isAssignableFrom(type)) {
      return "a mapping of keys";
    }
    return type == null ? "another type" : type.getSimpleName();
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        b.append(b.length() > 0 ? "." : "").append(r.getFieldName());
      }
    }
    return b.toString();
  }

  private static String join(String prefix, String path) {
    return prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path;
  }

  private static ConfigException problem(String file, String key, String problem) {
    return new ConfigException(List.of(new ConfigProblem(file, key, problem)));
  }

  private static Map<String, Class<? extends Node>> kinds() {
    Map<String, Class<? extends Node>> m = new LinkedHashMap<>();
    m.put("play", PlayNode.class);
    m.put("menu", MenuNode.class);
    m.put("collect", CollectNode.class);
    m.put("action", ActionNode.class);
    m.put("branch", BranchNode.class);
    m.put("transfer", TransferNode.class);
    m.put("voicemail", VoicemailNode.class);
    m.put("language", LanguageNode.class);
    m.put("hangup", HangUpNode.class);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The top level of ivr.yaml; nodes are bound one by one so that each problem names its node. */
  record MenuFile(String start, String operator, Integer tries, Duration timeout, String defaultLanguage,
      Map<String, Map<String, String>> prompts, Map<String, Map<String, String>> phrases, Map<String, JsonNode> nodes) {
    MenuFile {
      prompts = prompts == null ? Map.of() : prompts;
      phrases = phrases == null ? Map.of() : phrases;
      nodes = nodes == null ? Map.of() : nodes;
    }
  }

  private static final class ValidatorDeserializer extends JsonDeserializer<Validator> {
    @Override
    public Validator deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      var known = Validator.parse(text);
      return known.isPresent() ? known.get() : (Validator) ctx.handleWeirdStringValue(Validator.class, text, "unknown validator");
    }
  }
}
