package org.gridcare.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used. Every problem names the file and the key path; the launcher exits with 2. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }
}
