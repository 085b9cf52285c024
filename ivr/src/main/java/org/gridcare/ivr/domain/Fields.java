package org.gridcare.ivr.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the field → reference maps of nodes, leaving out absent (null) references. */
final class Fields {
  private Fields() {}

  static Map<String, String> of(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        m.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return m;
  }

  static Map<String, String> withAll(Map<String, String> base, String prefix, Map<String, String> more) {
    Map<String, String> m = new LinkedHashMap<>(base);
    more.forEach((k, v) -> {
      if (v != null) {
        m.put(prefix + k, v);
      }
    });
    return Collections.unmodifiableMap(m);
  }

  static <T> Map<String, T> copy(Map<String, T> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
