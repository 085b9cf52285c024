package org.gridcare.pbxsim.agi;

import java.util.Optional;

/** {@code agi://host[:port]/script[?query]}: the script part keeps its query string, as agi_network_script does. */
record AgiUrl(String url, String host, int port, String script) {
  static final int DEFAULT_PORT = 4573;

  static Optional<AgiUrl> parse(String url) {
    if (url == null || !url.startsWith("agi://")) {
      return Optional.empty();
    }
    String rest = url.substring("agi://".length());
    int slash = rest.indexOf('/');
    String hostPort = slash < 0 ? rest : rest.substring(0, slash);
    String script = slash < 0 ? "" : rest.substring(slash + 1);
    int colon = hostPort.lastIndexOf(':');
    try {
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port = colon < 0 ? DEFAULT_PORT : Integer.parseInt(hostPort.substring(colon + 1));
      return host.isEmpty() ? Optional.empty() : Optional.of(new AgiUrl(url, host, port, script));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
