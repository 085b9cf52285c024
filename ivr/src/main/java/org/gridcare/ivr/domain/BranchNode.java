package org.gridcare.ivr.domain;

import java.util.Map;

/** Goes to the node of the variable's current value in {@code cases}, or to {@code otherwise}. */
public record BranchNode(String id, String variable, Map<String, String> cases, String otherwise) implements Node {
  public BranchNode {
    cases = Fields.copy(cases);
  }

  @Override
  public String kind() {
    return "branch";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.withAll(Fields.of("otherwise", otherwise), "cases.", cases);
  }

  @Override
  public Map<String, String> prompts() {
    return Map.of();
  }

  public String next(String value) {
    return value == null ? otherwise : cases.getOrDefault(value, otherwise);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("variable", variable);
    c.required("otherwise", otherwise);
    c.check(!cases.isEmpty(), "cases", "a branch needs at least one case");
  }
}
