package org.gridcare.acd.domain;

/** An operator with their current status: what the routing decision looks at. */
public record OperatorView(Operator operator, OperatorStatus status) {
  public String id() {
    return operator.id();
  }
}
