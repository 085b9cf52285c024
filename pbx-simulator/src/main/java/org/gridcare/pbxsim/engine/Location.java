package org.gridcare.pbxsim.engine;

/** A resolved dialplan position. */
public record Location(String context, String exten, int priority) {}
