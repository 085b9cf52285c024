package org.gridcare.pbxsim.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One AMI message: ordered {@code Key: Value} lines ended by an empty line. Keys may repeat ({@code Variable}).
 * Lookups are case-insensitive as in Asterisk; the wire form keeps the order fields were added.
 */
public final class AmiFrame {
  private final List<Map.Entry<String, String>> fields = new ArrayList<>();

  public static AmiFrame event(String name, String privilege) {
    AmiFrame f = new AmiFrame().add("Event", name);
    return privilege == null ? f : f.add("Privilege", privilege);
  }

  /** A response whose ActionID is echoed only when the action carried one (as Asterisk does). */
  public static AmiFrame response(String response, AmiFrame action) {
    AmiFrame f = new AmiFrame().add("Response", response);
    String id = action == null ? null : action.get("ActionID");
    return id == null ? f : f.add("ActionID", id);
  }

  public AmiFrame add(String key, String value) {
    fields.add(Map.entry(key, value == null ? "" : value));
    return this;
  }

  public AmiFrame add(String key, long value) {
    return add(key, Long.toString(value));
  }

  public AmiFrame addAll(AmiFrame other) {
    fields.addAll(other.fields);
    return this;
  }

  /** First value of {@code key} (case-insensitive), or null. */
  public String get(String key) {
    for (Map.Entry<String, String> e : fields) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Value of {@code key} or "" when absent. */
  public String value(String key) {
    String v = get(key);
    return v == null ? "" : v;
  }

  public List<String> getAll(String key) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : fields) {
      if (e.getKey().equalsIgnoreCase(key)) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  public List<Map.Entry<String, String>> fields() {
    return List.copyOf(fields);
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  public String toWire() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : fields) {
      sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  @Override
  public String toString() {
    return toWire().replace("\r\n", " | ");
  }
}
