package org.gridcare.pbxsim.engine;

/** A PJSIP endpoint as configured in pjsip.conf: its context and caller id (used for outbound legs). */
public record EndpointConfig(String name, String context, String callerIdNum, String callerIdName) {}
