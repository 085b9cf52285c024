package org.gridcare.config;

import java.time.Duration;

/**
 * The PBX: {@code simulator} (the demo: the server starts the built-in simulator) or {@code asterisk} (a real one,
 * reached over AMI; Asterisk reaches our FastAGI server).
 */
public record PbxConfig(Mode mode, Ami ami, Agi agi) {
  public enum Mode { simulator, asterisk }

  public PbxConfig {
    mode = mode == null ? Mode.simulator : mode;
    ami = ami == null ? new Ami(null, null, null, null, null, null, null) : ami;
    agi = agi == null ? new Agi(null, null, null) : agi;
  }

  public static PbxConfig defaults() {
    return new PbxConfig(null, null, null);
  }

  /** AMI client settings. {@code secret} is required for a real Asterisk. */
  public record Ami(String host, Integer port, String username, Secret secret, Duration actionTimeout,
      Duration pingInterval, Duration maxReconnectBackoff) {
    public Ami {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 5038 : port;
      username = username == null ? "contact-centre" : username;
      actionTimeout = actionTimeout == null ? Duration.ofSeconds(5) : actionTimeout;
      pingInterval = pingInterval == null ? Duration.ofSeconds(20) : pingInterval;
      maxReconnectBackoff = maxReconnectBackoff == null ? Duration.ofSeconds(30) : maxReconnectBackoff;
    }
  }

  /** Our FastAGI server: where Asterisk's {@code AGI(agi://host:port/script)} connects. */
  public record Agi(String bindHost, Integer port, Integer maxSessions) {
    public Agi {
      bindHost = bindHost == null ? "127.0.0.1" : bindHost;
      port = port == null ? 4573 : port;
      maxSessions = maxSessions == null ? 400 : maxSessions;
    }
  }

  void validate(Problems p, java.util.Map<String, String> env) {
    p.check(ami.port() > 0 && ami.port() <= 65535, "pbx.ami.port", "must be a TCP port, got " + ami.port());
    p.check(agi.port() >= 0 && agi.port() <= 65535, "pbx.agi.port", "must be a TCP port, got " + agi.port());
    p.check(agi.maxSessions() > 0, "pbx.agi.max-sessions", "must be positive");
    p.check(!ami.actionTimeout().isNegative() && !ami.actionTimeout().isZero(), "pbx.ami.action-timeout", "must be positive");
    if (mode == Mode.asterisk) {
      if (ami.secret() == null) {
        p.add("pbx.ami.secret", "missing required value (env: or file:) for mode asterisk");
      } else {
        ami.secret().validate(p, "pbx.ami.secret", env);
      }
    }
  }
}
