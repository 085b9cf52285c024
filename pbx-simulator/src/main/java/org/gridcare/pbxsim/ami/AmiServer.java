package org.gridcare.pbxsim.ami;

import io.vertx.core.Future;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gridcare.pbxsim.engine.Switchboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI TCP listener. Each connection becomes an {@link AmiSession}; PBX events are fanned out to every
 * logged-in session that has events on. Must be started on the switchboard's context so connection handlers run
 * there too.
 */
public final class AmiServer {
  private static final Logger LOG = LoggerFactory.getLogger(AmiServer.class);

  /** Login credentials and the pause Asterisk makes before answering a failed login. */
  public record Credentials(String username, String secret, Duration authFailureDelay) {}

  private final Switchboard sb;
  private final Credentials credentials;
  private final AmiActions actions;
  private final Set<AmiSession> sessions = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private AutoCloseable subscription;

  public AmiServer(Switchboard sb, Credentials credentials) {
    this.sb = sb;
    this.credentials = credentials;
    this.actions = new AmiActions(sb);
  }

  public Future<Integer> listen(String host, int port) {
    server = sb.vertx().createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
    server.connectHandler(this::accept);
    subscription = sb.onEvent(event -> sessions.forEach(s -> s.event(event)));
    return server.listen().map(NetServer::actualPort)
        .onSuccess(p -> LOG.info("AMI simulator listening on {}:{}", host, p));
  }

  private void accept(NetSocket socket) {
    AmiSession session = new AmiSession(sb, socket, credentials, actions, sessions::remove);
    sessions.add(session);
    session.start();
  }

  public int sessionCount() {
    return sessions.size();
  }

  /** Closes every AMI connection (clients see EOF, as when Asterisk restarts); the listener stays up. */
  public Future<Void> dropConnections() {
    List<Future<Void>> closing = sessions.stream().map(AmiSession::close).toList();
    return Future.join(closing).mapEmpty();
  }

  public Future<Void> close() {
    try {
      if (subscription != null) {
        subscription.close();
      }
    } catch (Exception e) {
      LOG.debug("unsubscribe failed", e);
    }
    return dropConnections().transform(v -> server == null ? Future.succeededFuture() : server.close());
  }
}
