package org.gridcare.ivr.domain;

import java.util.Map;

/**
 * Calls a named domain service (customer lookup, outage information, meter readings...) and branches on its
 * outcome: {@code results} maps each outcome to a node; {@code otherwise} takes the outcomes not listed.
 */
public record ActionNode(String id, String service, Map<String, String> results, String otherwise)
    implements Node {

  public ActionNode {
    results = Fields.copy(results);
  }

  @Override
  public String kind() {
    return "action";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.withAll(Fields.of("otherwise", otherwise), "results.", results);
  }

  @Override
  public Map<String, String> prompts() {
    return Map.of();
  }

  /** The node for an outcome. */
  public String next(String outcome) {
    return results.getOrDefault(outcome, otherwise);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("service", service);
    if (service == null) {
      return;
    }
    MenuCatalogue.ActionSpec spec = catalogue.actions().get(service);
    if (spec == null) {
      c.add("service", "unknown service \"" + service + "\" (known: " + catalogue.actions().keySet().stream().sorted().toList() + ")");
      return;
    }
    for (String outcome : results.keySet()) {
      c.check(spec.outcomes().contains(outcome) || outcome.equals(MenuCatalogue.ActionSpec.ERROR),
          "results." + outcome, "\"" + service + "\" has no outcome \"" + outcome + "\" (outcomes: "
              + spec.outcomes().stream().sorted().toList() + ", error)");
    }
    if (otherwise == null) {
      for (String outcome : spec.outcomes()) {
        c.check(results.containsKey(outcome), "results", "outcome \"" + outcome + "\" of \"" + service
            + "\" leads nowhere: add it or an otherwise");
      }
      c.check(results.containsKey(MenuCatalogue.ActionSpec.ERROR), "results",
          "outcome \"error\" leads nowhere: add it or an otherwise");
    }
  }
}
