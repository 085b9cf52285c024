package org.gridcare.pbx.domain;

import java.time.Duration;
import java.util.Map;

/**
 * Ring {@code endpoint}; when it answers, run {@code target} in the dialplan. {@code variables} are set on the new
 * channel (e.g. {@code CC_WHISPER}); {@code ringTimeout} bounds the ringing.
 */
public record OriginateRequest(
    Endpoint endpoint, DialplanTarget target, String callerIdNumber, String callerIdName,
    Map<String, String> variables, Duration ringTimeout) {

  public OriginateRequest {
    variables = variables == null ? Map.of() : Map.copyOf(variables);
    ringTimeout = ringTimeout == null ? Duration.ofSeconds(30) : ringTimeout;
  }
}
