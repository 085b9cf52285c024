package org.gridcare.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.asterisk.AsteriskGateway;
import org.gridcare.pbx.domain.PbxStatus;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimulatorOptions;

/**
 * The PBX as the rest of the server sees it: always the Asterisk adapter over real AMI and FastAGI. In
 * {@code simulator} mode the server first starts the built-in simulator on loopback (a free AMI port and a one-off
 * AMI secret) and points the adapter at it, so the demo and the tests exercise the production adapter on the wire.
 */
public final class PbxLink {
  private final AsteriskGateway gateway;
  private final PbxSimulator simulator;

  private PbxLink(AsteriskGateway gateway, PbxSimulator simulator) {
    this.gateway = gateway;
    this.simulator = simulator;
  }

  public static Future<PbxLink> start(Vertx vertx, PbxConfig config, String amiSecret, Path recordingsDir) {
    if (config.mode() == PbxConfig.Mode.asterisk) {
      return AsteriskGateway.start(vertx, config, amiSecret).map(g -> new PbxLink(g, null));
    }
    return simulated(vertx, config, recordingsDir, 3);
  }

  /**
   * The simulator on a free AMI port and the gateway's FastAGI server on {@code pbx.agi.port} or, when that is 0, on
   * a port found free a moment before: another process may take it in between, so a bind failure then tries another.
   */
  private static Future<PbxLink> simulated(Vertx vertx, PbxConfig config, Path recordingsDir, int attempts) {
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    boolean anyPort = config.agi().port() == 0;
    int agiPort = anyPort ? freePort() : config.agi().port();
    SimulatorOptions options = SimulatorOptions.builder()
        .amiPort(0)
        .agi(config.agi().bindHost(), agiPort)
        .amiCredentials(config.ami().username(), secret)
        .recordingsDir(recordingsDir)
        .build();
    return PbxSimulator.start(vertx, options).compose(sim -> {
      PbxConfig toSimulator = new PbxConfig(config.mode(),
          new PbxConfig.Ami("127.0.0.1", sim.amiPort(), config.ami().username(), null, config.ami().actionTimeout(),
              config.ami().pingInterval(), config.ami().maxReconnectBackoff()),
          new PbxConfig.Agi(config.agi().bindHost(), agiPort, config.agi().maxSessions()));
      return AsteriskGateway.start(vertx, toSimulator, secret)
          .map(g -> new PbxLink(g, sim))
          .recover(e -> sim.close().transform(x -> Future.failedFuture(e)));
    }).recover(e -> anyPort && attempts > 1 && portTaken(e)
        ? simulated(vertx, config, recordingsDir, attempts - 1)
        : Future.failedFuture(e));
  }

  private static boolean portTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  public Pbx pbx() {
    return gateway.pbx();
  }

  public void registerScript(String name, CallScript script) {
    gateway.registerScript(name, script);
  }

  public PbxStatus status() {
    return gateway.status();
  }

  /** The simulator in {@code simulator} mode (demo traffic, tests), empty against a real Asterisk. */
  public Optional<PbxSimulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  public Future<Void> close() {
    return gateway.close().eventually(() -> simulator == null ? Future.succeededFuture() : simulator.close());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
