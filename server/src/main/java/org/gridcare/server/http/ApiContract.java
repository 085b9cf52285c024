package org.gridcare.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The API's one OpenAPI document, merged from a base ({@code openapi/base.yaml}) and each module's fragment
 * ({@code openapi/acd.yaml}: {@code paths} and {@code components.schemas}). Two fragments defining the same
 * operation or a conflicting schema is a build error, not a silent override.
 */
public final class ApiContract {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ApiContract() {}

  public static JsonObject merge(List<String> resources) {
    JsonObject doc = null;
    for (String resource : resources) {
      JsonObject fragment = read(resource);
      if (doc == null) {
        doc = fragment;
        continue;
      }
      mergeFragment(doc, fragment, resource);
    }
    return doc;
  }

  private static void mergeFragment(JsonObject doc, JsonObject fragment, String resource) {
    JsonObject paths = doc.getJsonObject("paths");
    fragment.getJsonObject("paths", new JsonObject()).forEach(e -> {
      JsonObject item = (JsonObject) e.getValue();
      JsonObject existing = paths.getJsonObject(e.getKey());
      if (existing == null) {
        paths.put(e.getKey(), item);
        return;
      }
      item.forEach(op -> {
        if (existing.containsKey(op.getKey())) {
          throw new IllegalStateException(resource + ": " + op.getKey() + " " + e.getKey() + " is defined twice");
        }
        existing.put(op.getKey(), op.getValue());
      });
    });
    JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
    JsonObject theirs = fragment.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    theirs.forEach(e -> {
      Object mine = schemas.getValue(e.getKey());
      if (mine != null && !mine.equals(e.getValue())) {
        throw new IllegalStateException(resource + ": schema " + e.getKey() + " conflicts with an earlier definition");
      }
      schemas.put(e.getKey(), e.getValue());
    });
    JsonArray tags = fragment.getJsonArray("tags");
    if (tags != null) {
      JsonArray all = doc.getJsonArray("tags", new JsonArray());
      tags.forEach(all::add);
      doc.put("tags", all);
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject read(String resource) {
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI fragment not on the classpath: " + resource);
      }
      return new JsonObject(YAML.readValue(in, Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
