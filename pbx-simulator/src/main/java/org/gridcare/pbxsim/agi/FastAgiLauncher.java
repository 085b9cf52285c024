package org.gridcare.pbxsim.agi;

import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gridcare.pbxsim.engine.AgiLauncher;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@code AGI(agi://...)} over a real TCP connection; other AGI flavours (local scripts) are not simulated. */
public final class FastAgiLauncher implements AgiLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(FastAgiLauncher.class);

  /** The AstDB of DATABASE PUT/GET/DEL, shared by all sessions like Asterisk's. */
  private final Map<String, String> database = new ConcurrentHashMap<>();
  /** One client for all sessions, created on the engine context (closed with the simulator's deployment). */
  private NetClient client;

  private NetClient client(Switchboard sb) {
    if (client == null) {
      client = sb.vertx().createNetClient(new NetClientOptions().setConnectTimeout(5000).setTcpNoDelay(true));
    }
    return client;
  }

  @Override
  public Future<String> run(Switchboard sb, SimChannel channel, String url, List<String> args) {
    return AgiUrl.parse(url)
        .map(u -> new AgiSession(sb, channel, u, args, database).start(client(sb)))
        .orElseGet(() -> {
          LOG.warn("unsupported AGI '{}' on {}: the simulator runs only agi:// (FastAGI)", url, channel.name());
          return Future.succeededFuture("FAILURE");
        });
  }
}
