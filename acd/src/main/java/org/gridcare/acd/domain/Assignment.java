package org.gridcare.acd.domain;

/** The routing decision for one call: offer it to this operator; {@code overflow} when from another line. */
public record Assignment(WaitingCall call, OperatorView operator, boolean overflow) {}
