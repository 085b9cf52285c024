package org.gridcare.pbx.asterisk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.PbxStatus;

/**
 * Wires the Asterisk adapter: the AMI side ({@link AsteriskPbx}) and the FastAGI server ({@link AsteriskAgiServer}).
 * Start it once from the composition root; register IVR scripts before calls arrive.
 */
public final class AsteriskGateway {
  private final AsteriskPbx pbx;
  private final AsteriskAgiServer agi;
  private Future<Void> closing;

  private AsteriskGateway(AsteriskPbx pbx, AsteriskAgiServer agi) {
    this.pbx = pbx;
    this.agi = agi;
  }

  /**
   * Binds the FastAGI port and makes the first AMI login attempt. The future fails only when the AGI port cannot be
   * bound; an unreachable Asterisk is retried in the background and shows in {@link #status()}.
   */
  public static Future<AsteriskGateway> start(Vertx vertx, PbxConfig config, String amiSecret) {
    Objects.requireNonNull(config, "config");
    Context context = vertx.getOrCreateContext();
    AsteriskPbx pbx = new AsteriskPbx(vertx, context, config.ami(), amiSecret);
    AsteriskAgiServer agi = new AsteriskAgiServer(vertx, config.agi(), pbx::callOf);
    AsteriskGateway gateway = new AsteriskGateway(pbx, agi);
    pbx.onHangupRequested(agi::channelHungUp);
    return agi.start()
        .compose(v -> pbx.start())
        .map(gateway)
        .recover(e -> gateway.close().transform(ignored -> Future.failedFuture(e)));
  }

  public Pbx pbx() {
    return pbx;
  }

  /** {@code name} is the path of {@code AGI(agi://host:port/<name>)}; the script runs on the caller's context. */
  public void registerScript(String name, CallScript script) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(script, "script");
    agi.register(name, script);
  }

  /** The FastAGI port actually bound (useful when configured as 0). */
  public int agiPort() {
    return agi.port();
  }

  /** For /health/ready: the AMI link's state. */
  public PbxStatus status() {
    return pbx.status();
  }

  public int activeAgiSessions() {
    return agi.activeSessions();
  }

  /**
   * Stops the FastAGI server (ending running sessions: Asterisk continues their dialplan), logs off AMI and stops
   * every thread the adapter started. Idempotent.
   */
  public synchronized Future<Void> close() {
    if (closing == null) {
      closing = agi.close().eventually(() -> pbx.close());
    }
    return closing;
  }
}
