package org.gridcare.pbxsim.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcare.platform.domain.DomainException;

/**
 * Reads the endpoints of a pjsip.conf: sections with {@code type = endpoint} (templates {@code (!)} resolved,
 * later sections with the same name and another type ignored), keeping context and caller id.
 */
public final class PjsipEndpoints {
  private static final Pattern HEADER = Pattern.compile("\\[([^\\]]+)\\]\\s*(?:\\(([^)]*)\\))?");
  private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*");

  private PjsipEndpoints() {}

  public static Map<String, EndpointConfig> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw DomainException.invalid("bad-pjsip-config", "cannot read " + file + ": " + e.getMessage());
    }
  }

  public static Map<String, EndpointConfig> parse(String text) {
    record Section(String name, boolean template, List<String> parents, Map<String, String> keys) {}
    List<Section> sections = new ArrayList<>();
    Section current = null;
    for (String raw : text.split("\r?\n")) {
      String line = raw.replaceAll(";.*$", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher h = HEADER.matcher(line);
      if (h.matches()) {
        List<String> parents = new ArrayList<>();
        boolean template = false;
        if (h.group(2) != null) {
          for (String p : h.group(2).split(",")) {
            if (p.strip().equals("!")) {
              template = true;
            } else if (!p.isBlank()) {
              parents.add(p.strip());
            }
          }
        }
        current = new Section(h.group(1).strip(), template, parents, new LinkedHashMap<>());
        sections.add(current);
      } else if (current != null && line.contains("=")) {
        int eq = line.indexOf('=');
        current.keys().put(line.substring(0, eq).strip(), line.substring(eq + 1).replaceFirst("^>", "").strip());
      }
    }
    Map<String, Section> templates = new HashMap<>();
    sections.stream().filter(Section::template).forEach(s -> templates.put(s.name(), s));
    Map<String, EndpointConfig> endpoints = new LinkedHashMap<>();
    for (Section s : sections) {
      if (s.template()) {
        continue;
      }
      Map<String, String> keys = new LinkedHashMap<>();
      for (String parent : s.parents()) {
        Section t = templates.get(parent);
        if (t != null) {
          keys.putAll(t.keys());
        }
      }
      keys.putAll(s.keys());
      if (!"endpoint".equals(keys.get("type"))) {
        continue;
      }
      String num = null;
      String name = null;
      String cid = keys.get("callerid");
      if (cid != null) {
        Matcher m = CALLER_ID.matcher(cid);
        if (m.matches()) {
          name = m.group(1).isBlank() ? null : m.group(1).strip();
          num = m.group(2).strip();
        } else {
          num = cid.strip();
        }
      }
      endpoints.put(s.name(), new EndpointConfig(s.name(), keys.getOrDefault("context", "default"), num, name));
    }
    return endpoints;
  }
}
