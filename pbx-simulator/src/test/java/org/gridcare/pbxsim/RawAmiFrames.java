package org.gridcare.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers over frames as ordered key/value lists. */
final class RawAmiFrames {
  private RawAmiFrames() {}

  static String get(List<Map.Entry<String, String>> frame, String key) {
    return frame.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
  }

  static List<String> keys(List<Map.Entry<String, String>> frame) {
    List<String> keys = new ArrayList<>();
    frame.forEach(e -> keys.add(e.getKey()));
    return keys;
  }
}
