package org.gridcare.pbxsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run the simulator. {@code amiPort} 0 picks a free port. {@code agiHost}/{@code agiPort}, when set, replace
 * the dialplan global {@code CC_AGI} (where the FastAGI server runs). {@code dialplan} defaults to the repository's
 * config/asterisk/extensions.conf (found from the working directory upwards) and {@code pjsipConfig} to the
 * pjsip.conf next to it. {@code promptDuration} is how long every sound file plays. {@code externalAnswerDelay} is
 * when parties reached through the trunk answer by default (null: they do not answer by themselves).
 */
public record SimulatorOptions(
    String host, int amiPort, String agiHost, Integer agiPort, String amiUsername, String amiSecret,
    Path dialplan, Path pjsipConfig, Path recordingsDir, Duration promptDuration, Duration authFailureDelay,
    Duration externalAnswerDelay, long seed) {

  public static final String DEFAULT_USERNAME = "contact-centre";
  public static final String DEFAULT_SECRET = "simulator-secret";

  public SimulatorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(amiUsername, "amiUsername");
    Objects.requireNonNull(amiSecret, "amiSecret");
    Objects.requireNonNull(dialplan, "dialplan");
    Objects.requireNonNull(recordingsDir, "recordingsDir");
    Objects.requireNonNull(promptDuration, "promptDuration");
    Objects.requireNonNull(authFailureDelay, "authFailureDelay");
    if (amiPort < 0 || amiPort > 65535) {
      throw new IllegalArgumentException("amiPort out of range: " + amiPort);
    }
    pjsipConfig = pjsipConfig == null ? dialplan.resolveSibling("pjsip.conf") : pjsipConfig;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder mutate() {
    Builder b = new Builder();
    b.host = host;
    b.amiPort = amiPort;
    b.agiHost = agiHost;
    b.agiPort = agiPort;
    b.amiUsername = amiUsername;
    b.amiSecret = amiSecret;
    b.dialplan = dialplan;
    b.pjsipConfig = pjsipConfig;
    b.recordingsDir = recordingsDir;
    b.promptDuration = promptDuration;
    b.authFailureDelay = authFailureDelay;
    b.externalAnswerDelay = externalAnswerDelay;
    b.seed = seed;
    return b;
  }

  /**
   * The repository's config/asterisk/extensions.conf, searched from the working directory upwards; outside the
   * repository, the copy bundled in this jar (extracted with its pjsip.conf to a temporary directory).
   */
  public static Path defaultDialplan() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("config/asterisk/extensions.conf");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return bundledDialplan();
  }

  private static Path bundledDialplan() {
    try {
      Path target = Files.createTempDirectory("pbxsim-asterisk");
      for (String name : new String[] {"extensions.conf", "pjsip.conf"}) {
        try (InputStream in = SimulatorOptions.class.getResourceAsStream("asterisk/" + name)) {
          if (in == null) {
            throw new UncheckedIOException(new IOException("bundled " + name + " missing from the jar"));
          }
          Files.copy(in, target.resolve(name));
        }
      }
      return target.resolve("extensions.conf");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the bundled dialplan", e);
    }
  }

  public static final class Builder {
    private String host = "127.0.0.1";
    private int amiPort;
    private String agiHost;
    private Integer agiPort;
    private String amiUsername = DEFAULT_USERNAME;
    private String amiSecret = DEFAULT_SECRET;
    private Path dialplan;
    private Path pjsipConfig;
    private Path recordingsDir;
    private Duration promptDuration = Duration.ofMillis(200);
    private Duration authFailureDelay = Duration.ofSeconds(1);
    private Duration externalAnswerDelay = Duration.ofMillis(500);
    private long seed = 1;

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder amiPort(int port) {
      this.amiPort = port;
      return this;
    }

    /** Where AGI(agi://${CC_AGI}/...) connects: overrides the dialplan global CC_AGI. */
    public Builder agi(String host, int port) {
      this.agiHost = host;
      this.agiPort = port;
      return this;
    }

    public Builder amiCredentials(String username, String secret) {
      this.amiUsername = username;
      this.amiSecret = secret;
      return this;
    }

    public Builder dialplan(Path file) {
      this.dialplan = file;
      return this;
    }

    public Builder pjsipConfig(Path file) {
      this.pjsipConfig = file;
      return this;
    }

    public Builder recordingsDir(Path dir) {
      this.recordingsDir = dir;
      return this;
    }

    public Builder promptDuration(Duration d) {
      this.promptDuration = d;
      return this;
    }

    public Builder authFailureDelay(Duration d) {
      this.authFailureDelay = d;
      return this;
    }

    public Builder externalAnswerDelay(Duration d) {
      this.externalAnswerDelay = d;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public SimulatorOptions build() {
      Path plan = dialplan == null ? defaultDialplan() : dialplan;
      Path recordings = recordingsDir == null
          ? Path.of(System.getProperty("java.io.tmpdir"), "pbxsim-recordings") : recordingsDir;
      return new SimulatorOptions(host, amiPort, agiHost, agiPort, amiUsername, amiSecret, plan, pjsipConfig,
          recordings, promptDuration, authFailureDelay, externalAnswerDelay, seed);
    }
  }
}
