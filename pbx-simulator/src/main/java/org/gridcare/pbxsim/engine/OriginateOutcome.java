package org.gridcare.pbxsim.engine;

/**
 * The OriginateResponse content: {@code reason} is Asterisk's (0 failure, 1 hangup, 3 no answer while ringing,
 * 4 answered, 5 busy); {@code uniqueId} is null when the call failed.
 */
public record OriginateOutcome(boolean success, int reason, String channel, String uniqueId, String callerIdNum,
    String callerIdName) {}
