package org.gridcare.config;

import java.util.ArrayList;
import java.util.List;

/** Collects validation problems while walking the record tree, tracking the key path. */
public final class Problems {
  private final String file;
  private final List<ConfigProblem> list = new ArrayList<>();

  public Problems(String file) {
    this.file = file;
  }

  public void add(String key, String problem) {
    list.add(new ConfigProblem(file, key, problem));
  }

  /** Adds "missing required value" when {@code value} is null (or a blank string). */
  public void required(String key, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(key, "missing required value");
    }
  }

  public void check(boolean ok, String key, String problem) {
    if (!ok) {
      add(key, problem);
    }
  }

  public List<ConfigProblem> list() {
    return List.copyOf(list);
  }

  public String file() {
    return file;
  }

  public void throwIfAny() {
    if (!list.isEmpty()) {
      throw new ConfigException(list);
    }
  }
}
