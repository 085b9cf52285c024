package org.gridcare.server.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of the merged OpenAPI document, with a request built from its own schemas: each path parameter,
 * each required query parameter and a body with the required properties, filled with values that satisfy their types,
 * enums, formats and bounds. Probes replace one of those values with a hostile one.
 */
record Operations(JsonObject document) {
  static final String RAW = "RAW:";
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  /** One operation: method, templated path, declared roles, public flag, parameters and body schema. */
  record Op(String id, String method, String path, List<String> roles, boolean isPublic, List<JsonObject> parameters,
      JsonObject bodySchema) {
    boolean stream() {
      return path.endsWith("/stream");
    }

    @Override
    public String toString() {
      return method.toUpperCase() + " " + path + " (" + id + ")";
    }
  }

  /** A concrete request: method, URI (path and query, encoded) and JSON body or null. */
  record Call(String method, String uri, String body) {}

  List<Op> all() {
    List<Op> out = new ArrayList<>();
    document.getJsonObject("paths").forEach(p -> {
      JsonObject item = (JsonObject) p.getValue();
      List<JsonObject> shared = objects(item.getJsonArray("parameters"));
      item.forEach(m -> {
        if (!METHODS.contains(m.getKey())) {
          return;
        }
        JsonObject op = (JsonObject) m.getValue();
        List<JsonObject> params = new ArrayList<>(shared);
        objects(op.getJsonArray("parameters")).forEach(params::add);
        params.replaceAll(Operations.this::resolve);
        List<String> roles = new ArrayList<>();
        op.getJsonArray("x-roles", new JsonArray()).forEach(r -> roles.add((String) r));
        JsonObject body = op.getJsonObject("requestBody") == null ? null
            : resolve(op.getJsonObject("requestBody")).getJsonObject("content", new JsonObject())
                .getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
        out.add(new Op(op.getString("operationId"), m.getKey(), p.getKey(), roles,
            Boolean.TRUE.equals(op.getBoolean("x-public")), params, body == null ? null : resolve(body)));
      });
    });
    return out;
  }

  /** The sample request of an operation; {@code overrides} replace a parameter's (or a top-level body field's) value. */
  Call call(Op op, Map<String, String> pathOrQuery, Map<String, Object> bodyFields) {
    String path = op.path();
    StringBuilder query = new StringBuilder();
    for (JsonObject p : op.parameters()) {
      String name = p.getString("name");
      String in = p.getString("in");
      JsonObject schema = p.getJsonObject("schema") == null ? new JsonObject() : resolve(p.getJsonObject("schema"));
      String value = pathOrQuery.containsKey(name) ? pathOrQuery.get(name) : String.valueOf(sample(schema, name));
      if ("path".equals(in)) {
        // RAW: inserts the value as it is (an already encoded traversal such as %2e%2e%2f)
        path = path.replace("{" + name + "}", value.startsWith(RAW) ? value.substring(RAW.length())
            : encode(value).replace("+", "%20"));
      } else if ("query".equals(in) && (p.getBoolean("required", false) || pathOrQuery.containsKey(name))) {
        query.append(query.length() == 0 ? '?' : '&').append(encode(name)).append('=')
            .append(value.startsWith(RAW) ? value.substring(RAW.length()) : encode(value));
      }
    }
    String body = null;
    if (op.bodySchema() != null) {
      Object sample = sample(op.bodySchema(), "body");
      if (sample instanceof JsonObject json) {
        bodyFields.forEach(json::put);
        body = json.encode();
      } else {
        body = String.valueOf(sample instanceof String s ? "\"" + s + "\"" : sample);
      }
    }
    return new Call(op.method(), path + query, body);
  }

  /** The body's top-level string fields (by their schema), which probes fill with hostile text. */
  List<String> stringFields(Op op) {
    List<String> out = new ArrayList<>();
    if (op.bodySchema() == null) {
      return out;
    }
    op.bodySchema().getJsonObject("properties", new JsonObject()).forEach(e -> {
      JsonObject s = resolve((JsonObject) e.getValue());
      if (types(s).contains("string") && !s.containsKey("enum")) {
        out.add(e.getKey());
      }
    });
    return out;
  }

  Object sample(JsonObject schema, String name) {
    schema = resolve(schema);
    if (schema.containsKey("const")) {
      return schema.getValue("const");
    }
    if (schema.containsKey("enum")) {
      return schema.getJsonArray("enum").getValue(0);
    }
    if (schema.containsKey("example")) {
      return schema.getValue("example");
    }
    if (schema.containsKey("default")) {
      return schema.getValue("default");
    }
    for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
      if (schema.containsKey(combinator)) {
        return sample(schema.getJsonArray(combinator).getJsonObject(0), name);
      }
    }
    List<String> types = types(schema);
    String type = types.stream().filter(t -> !"null".equals(t)).findFirst()
        .orElse(schema.containsKey("properties") ? "object" : "string");
    switch (type) {
      case "integer":
        return schema.getNumber("minimum", 1).longValue();
      case "number":
        return schema.getNumber("minimum", 1).doubleValue();
      case "boolean":
        return true;
      case "array": {
        JsonArray a = new JsonArray();
        int n = Math.max(1, schema.getInteger("minItems", 1));
        for (int i = 0; i < n; i++) {
          a.add(sample(schema.getJsonObject("items", new JsonObject()), name));
        }
        return a;
      }
      case "object": {
        JsonObject o = new JsonObject();
        JsonObject props = schema.getJsonObject("properties", new JsonObject());
        for (Object r : schema.getJsonArray("required", new JsonArray())) {
          o.put((String) r, sample(props.getJsonObject((String) r, new JsonObject()), (String) r));
        }
        return o;
      }
      default:
        return sampleString(schema, name);
    }
  }

  /** Strings: by format, by a few well-known patterns and names of this API, else letters within the bounds. */
  private static String sampleString(JsonObject schema, String name) {
    String format = schema.getString("format", "");
    String pattern = schema.getString("pattern", "");
    String value;
    if ("date-time".equals(format)) {
      value = Instant.parse("2026-11-25T10:00:00Z").toString();
    } else if ("uuid".equals(format)) {
      value = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
    } else if ("date".equals(format)) {
      value = LocalDate.of(2026, 11, 25).toString();
    } else if (pattern.contains("\\+") || name.toLowerCase().contains("phone") || name.toLowerCase().contains("e164")
        || "number".equals(name) && pattern.contains("[0-9]")) {
      value = "+4791234567";
    } else if (name.toLowerCase().contains("gsrn") || pattern.contains("{18}")) {
      value = "707057500000000018";
    } else if (pattern.startsWith("^[a-z]")) {
      value = "probe";
    } else if (pattern.startsWith("^[0-9]") || pattern.startsWith("^\\d")) {
      value = "12345";
    } else {
      value = "probe";
    }
    int min = schema.getInteger("minLength", 0);
    StringBuilder b = new StringBuilder(value);
    while (b.length() < min) {
      b.append('x');
    }
    int max = schema.getInteger("maxLength", Integer.MAX_VALUE);
    return b.length() > max ? b.substring(0, max) : b.toString();
  }

  JsonObject resolve(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null) {
      return schema;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(target);
  }

  private static List<String> types(JsonObject schema) {
    Object t = schema.getValue("type");
    List<String> out = new ArrayList<>();
    if (t instanceof String s) {
      out.add(s);
    } else if (t instanceof JsonArray a) {
      a.forEach(x -> out.add((String) x));
    }
    return out;
  }

  private static List<JsonObject> objects(JsonArray a) {
    List<JsonObject> out = new ArrayList<>();
    if (a != null) {
      a.forEach(o -> out.add((JsonObject) o));
    }
    return out;
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Map<String, String> none() {
    return new LinkedHashMap<>();
  }
}
