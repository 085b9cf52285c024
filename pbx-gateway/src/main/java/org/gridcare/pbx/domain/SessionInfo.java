package org.gridcare.pbx.domain;

import java.util.List;
import java.util.Map;

/**
 * Who is on an IVR script: the channel and call, the calling number as received (raw), the dialled number, the
 * script name, its query parameters and positional arguments, and the channel language.
 */
public record SessionInfo(
    ChannelId channel, CallId call, String callerNumber, String callerName, String dialled, String script,
    Map<String, String> parameters, List<String> arguments, String language) {

  public SessionInfo {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
  }
}
