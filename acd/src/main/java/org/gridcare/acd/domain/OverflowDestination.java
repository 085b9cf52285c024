package org.gridcare.acd.domain;

import java.util.List;
import java.util.Objects;

/** Another centre or branch that takes calls at peak; {@code lines} empty means every line. */
public record OverflowDestination(String name, String number, List<Integer> lines) {
  public OverflowDestination {
    Objects.requireNonNull(number, "number");
    lines = List.copyOf(lines);
  }

  public boolean takes(int line) {
    return lines.isEmpty() || lines.contains(line);
  }
}
