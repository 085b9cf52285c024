package org.gridcare.ivr.domain;

/** Where a grid-connection application stands: the stage and the next step, as callers should hear them. */
public record ApplicationStatus(String applicationNumber, String stage, String nextStep) {}
