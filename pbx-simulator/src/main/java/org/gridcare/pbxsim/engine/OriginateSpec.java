package org.gridcare.pbxsim.engine;

import java.util.Map;

/**
 * An AMI Originate: ring {@code channel} ({@code PJSIP/op1001}, {@code PJSIP/<number>@trunk}); when answered run
 * either {@code context/exten/priority} or {@code application(data)}. {@code channelId} optionally fixes the
 * Uniqueid.
 */
public record OriginateSpec(
    String channel, String context, String exten, int priority, String application, String data,
    String callerIdNum, String callerIdName, long timeoutMillis, Map<String, String> variables, String channelId) {}
