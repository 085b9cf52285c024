package org.gridcare.ivr.domain;

/** One thing wrong in a menu: the key path ({@code nodes.main-menu.options.7}) and the problem. */
public record MenuProblem(String key, String problem) {
  @Override
  public String toString() {
    return key + ": " + problem;
  }
}
