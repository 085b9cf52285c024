package org.gridcare.config;

/** One thing wrong in a configuration file: where ({@code file}, {@code key} path such as {@code lines[0].wrap-up}) and what. */
public record ConfigProblem(String file, String key, String problem) {
  @Override
  public String toString() {
    return file + ": " + (key == null || key.isEmpty() ? "(root)" : key) + ": " + problem;
  }
}
