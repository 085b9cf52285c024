package org.gridcare.config;

/** HTTP listener. {@code tls} is optional: PEM certificate and key files turn HTTPS on. */
public record ServerConfig(String host, Integer port, Tls tls, String publicUrl) {
  public ServerConfig {
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 8080 : port;
  }

  public static ServerConfig defaults() {
    return new ServerConfig(null, null, null, null);
  }

  public record Tls(String certFile, String keyFile) {}

  void validate(Problems p) {
    p.check(port >= 0 && port <= 65535, "server.port", "must be a TCP port (0-65535), got " + port);
    if (tls != null) {
      p.required("server.tls.cert-file", tls.certFile());
      p.required("server.tls.key-file", tls.keyFile());
    }
  }
}
