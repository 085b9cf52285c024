package org.gridcare.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads {@code contact-centre.yaml}: YAML → tree, environment overrides applied to the tree, tree → records (unknown
 * keys and wrong types are errors with their key path), then validation of values and references.
 *
 * <p>Every key can be overridden by an environment variable: {@code CC_} + the key path in upper case with dots,
 * dashes and list indexes as underscores, e.g. {@code CC_SERVER_PORT}, {@code CC_PBX_AMI_HOST},
 * {@code CC_LINES_0_WRAP_UP}.
 */
public final class ConfigLoader {
  public static final String ENV_PREFIX = "CC_";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private ConfigLoader() {}

  /** The mapper used for configuration files (also by modules loading their own YAML, such as the IVR menu). */
  public static ObjectMapper yamlMapper() {
    SimpleModule durations = new SimpleModule().addDeserializer(Duration.class, new HumanDuration());
    return new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .registerModule(durations)
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  public static ContactCentreConfig load(Path file) {
    return load(file, System.getenv());
  }

  public static ContactCentreConfig load(Path file, Map<String, String> env) {
    String name = file.toString();
    ObjectMapper mapper = yamlMapper();
    JsonNode tree;
    try {
      tree = mapper.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, "", "file not found")));
    } catch (JsonProcessingException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, "",
          "not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, "", "cannot read: " + e.getMessage())));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      tree = JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException(List.of(new ConfigProblem(name, "", "the top level must be a mapping of keys")));
    }
    applyEnvironment((ObjectNode) tree, ContactCentreConfig.class, "", env);
    mapper.registerModule(new SimpleModule().addDeserializer(Secret.class, new BoundSecret(env)));
    return bind(mapper, tree, ContactCentreConfig.class, name, env);
  }

  private static ContactCentreConfig bind(ObjectMapper mapper, JsonNode tree, Class<ContactCentreConfig> type,
      String name, Map<String, String> env) {
    ContactCentreConfig config;
    try {
      config = mapper.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, path(e), "unknown key \""
          + e.getPropertyName() + "\"" + suggestion(e))));
    } catch (InvalidFormatException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, path(e),
          "wrong type: expected " + describe(e.getTargetType()) + ", got \"" + e.getValue() + "\"")));
    } catch (MismatchedInputException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, path(e),
          "wrong type: expected " + describe(e.getTargetType()))));
    } catch (JsonMappingException e) {
      Throwable root = e.getCause() != null ? e.getCause() : e;
      throw new ConfigException(List.of(new ConfigProblem(name, path(e), "invalid value: " + root.getMessage())));
    } catch (JsonProcessingException e) {
      throw new ConfigException(List.of(new ConfigProblem(name, "", e.getOriginalMessage())));
    }
    Problems problems = new Problems(name);
    config.validate(problems, env);
    problems.throwIfAny();
    return config;
  }

  private static String suggestion(UnrecognizedPropertyException e) {
    if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
      return "";
    }
    List<String> known = new ArrayList<>();
    e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
    known.sort(null);
    return " (known keys: " + String.join(", ", known) + ")";
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Duration.class) {
      return "a duration such as 30s, 5m, 2h or PT30S";
    }
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys";
    }
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(c.toString());
      }
      return "one of " + names;
    }
    return type.getSimpleName();
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      }
    }
    return b.toString();
  }

  /**
   * Walks the record schema, and for each leaf key whose environment variable is set, writes the value into the
   * tree (as text: Jackson coerces "8081" to a number). Lists are addressed by index for existing elements.
   */
  private static void applyEnvironment(ObjectNode node, Class<?> type, String envPath, Map<String, String> env) {
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String key = PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(c.getName());
      String var = ENV_PREFIX + (envPath.isEmpty() ? "" : envPath + "_") + key.toUpperCase(Locale.ROOT).replace('-', '_');
      Class<?> ct = c.getType();
      if (ct.isRecord() && ct != Secret.class) {
        JsonNode child = node.get(key);
        if (child == null || !child.isObject()) {
          if (!hasPrefix(env, var + "_")) {
            continue;
          }
          child = node.putObject(key);
        }
        applyEnvironment((ObjectNode) child, ct, var.substring(ENV_PREFIX.length()), env);
      } else if (List.class.isAssignableFrom(ct) && elementType(c.getGenericType()) instanceof Class<?> et && et.isRecord()) {
        JsonNode list = node.get(key);
        if (list instanceof ArrayNode array) {
          for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof ObjectNode element) {
              applyEnvironment(element, et, var.substring(ENV_PREFIX.length()) + "_" + i, env);
            }
          }
        }
      } else if (env.containsKey(var)) {
        String value = env.get(var);
        if (List.class.isAssignableFrom(ct)) {
          ArrayNode array = node.putArray(key);
          for (String v : value.split(",")) {
            array.add(v.strip());
          }
        } else if (ct == Secret.class) {
          node.putObject(key).put("env", var); // the variable itself holds the secret
        } else {
          node.set(key, TextNode.valueOf(value));
        }
      }
    }
  }

  private static boolean hasPrefix(Map<String, String> env, String prefix) {
    return env.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  private static Type elementType(Type listType) {
    return listType instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
  }

  /** {@code {env: NAME}} or {@code {file: PATH}}, bound to the loader's environment map (see {@link Secret#value()}). */
  static final class BoundSecret extends JsonDeserializer<Secret> {
    private final Map<String, String> environment;

    BoundSecret(Map<String, String> environment) {
      this.environment = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(environment));
    }

    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      JsonNode node = p.readValueAsTree();
      if (!(node instanceof ObjectNode object)) {
        return ctx.reportInputMismatch(Secret.class, "a secret is {env: NAME} or {file: PATH}");
      }
      for (var names = object.fieldNames(); names.hasNext(); ) {
        String key = names.next();
        if (!key.equals("env") && !key.equals("file")) {
          throw UnrecognizedPropertyException.from(p, Secret.class, key, List.of("env", "file"));
        }
      }
      return new Secret(text(object, "env"), text(object, "file"), environment);
    }

    private static String text(ObjectNode object, String key) {
      JsonNode v = object.get(key);
      return v == null || v.isNull() ? null : v.asText();
    }
  }

  /** Durations as people write them ({@code 30s}, {@code 5m}, {@code 250ms}) or ISO-8601 ({@code PT30S}). */
  static final class HumanDuration extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      String text = p.getValueAsString();
      if (text == null) {
        return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
      }
      String s = text.strip().toLowerCase(Locale.ROOT);
      Matcher m = DURATION.matcher(s);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "ms": return Duration.ofMillis(n);
          case "s": return Duration.ofSeconds(n);
          case "m": return Duration.ofMinutes(n);
          case "h": return Duration.ofHours(n);
          default: return Duration.ofDays(n);
        }
      }
      try {
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return (Duration) ctx.handleWeirdStringValue(Duration.class, text, "not a duration");
      }
    }
  }
}
