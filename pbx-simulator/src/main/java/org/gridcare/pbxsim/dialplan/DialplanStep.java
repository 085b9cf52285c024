package org.gridcare.pbxsim.dialplan;

/** One priority of an extension: {@code exten => 100,2(label),App(data)}; {@code data} is not yet substituted. */
public record DialplanStep(int priority, String label, String application, String data) {}
