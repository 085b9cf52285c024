package org.gridcare.pbx.asterisk;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.internal.ServerSocketFacadeImpl;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.SessionInfo;
import org.gridcare.platform.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java's FastAGI server on {@code pbx.agi.bind-host/port}: one bounded pool of worker threads
 * ({@code pbx-agi-N}, at most {@code max-sessions}); a session beyond that is refused by closing its socket, which
 * Asterisk reports as AGISTATUS=FAILURE. The script name ({@code agi://host/<name>}) selects a registered
 * {@link CallScript}, which runs on the Vert.x context it was registered from.
 */
public final class AsteriskAgiServer {
  private static final Logger log = LoggerFactory.getLogger(AsteriskAgiServer.class);

  private record Registered(CallScript script, Context context) {}

  private final Vertx vertx;
  private final PbxConfig.Agi config;
  private final Function<ChannelId, Optional<CallId>> calls;
  private final Map<String, Registered> scripts = new ConcurrentHashMap<>();
  private final Set<AgiCallSession> sessions = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor pool;
  private Server server;
  private Thread acceptor;
  private int port;
  private volatile boolean closed;

  AsteriskAgiServer(Vertx vertx, PbxConfig.Agi config, Function<ChannelId, Optional<CallId>> calls) {
    this.vertx = vertx;
    this.config = config;
    this.calls = calls;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(0, config.maxSessions(), 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "pbx-agi-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  void register(String name, CallScript script) {
    scripts.put(name, new Registered(script, vertx.getOrCreateContext()));
  }

  /** The port Asterisk connects to (the configured one, or the one chosen when configured as 0). */
  int port() {
    return port;
  }

  int activeSessions() {
    return sessions.size();
  }

  /** The channel hung up (AMI): its session, if any, ends without waiting for the script. */
  void channelHungUp(ChannelId channel) {
    sessions.stream().filter(s -> s.info().channel().equals(channel)).forEach(AgiCallSession::callerLeft);
  }

  /** Worker threads alive now (busy or idle in the pool), for leak checks. */
  int workerThreads() {
    return pool.getPoolSize();
  }

  Future<Void> start() {
    return vertx.executeBlocking(() -> {
      InetAddress address = InetAddress.getByName(config.bindHost());
      port = config.port() == 0 ? freePort(address) : config.port();
      server = new Server(new ServerSocketFacadeImpl(port, 0, address));
      server.setAddress(address);
      server.setPort(port);
      acceptor = new Thread(() -> {
        try {
          server.startup();
        } catch (IOException | RuntimeException e) {
          log.error("FastAGI server stopped", e);
        }
      }, "pbx-agi-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      log.info("FastAGI server listening on {}:{}", config.bindHost(), port);
      return null;
    });
  }

  /** Stops accepting, ends running sessions (their sockets close, Asterisk continues) and waits for the threads. */
  Future<Void> close() {
    if (server == null || closed) {
      return Future.succeededFuture();
    }
    closed = true;
    return vertx.executeBlocking(() -> {
      server.shutdown();
      // Asterisk-Java creates its pool lazily and only shuts down one it created.
      pool.shutdown();
      sessions.forEach(AgiCallSession::end);
      acceptor.join(5_000);
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
      return null;
    });
  }

  private static int freePort(InetAddress address) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, address)) {
      return probe.getLocalPort();
    }
  }

  private final class Server extends DefaultAgiServer {
    private final ServerSocketFacade socket;

    Server(ServerSocketFacade socket) {
      super(new Mapping());
      this.socket = socket;
    }

    @Override
    protected ServerSocketFacade createServerSocket() {
      return socket;
    }

    @Override
    protected ThreadPoolExecutor createPool() {
      return pool;
    }
  }

  /** Script name → registered script; unknown names hang up with a warning; empty requests (port probes) pass. */
  private final class Mapping implements MappingStrategy {
    @Override
    public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
      String name = request.getScript();
      if (name == null || name.isBlank() || request.getUniqueId() == null) {
        log.debug("Ignored a FastAGI connection without a request (a port probe?)");
        return (req, ch) -> {};
      }
      Registered registered = scripts.get(name.startsWith("/") ? name.substring(1) : name);
      if (registered == null) {
        log.warn("No IVR script '{}' for channel {} (caller {}); hanging up", name, request.getUniqueId(),
            Masking.phone(request.getCallerIdNumber()));
        return (req, ch) -> hangUpQuietly(ch);
      }
      return (req, ch) -> run(registered, req, ch);
    }
  }

  private void run(Registered registered, AgiRequest request, AgiChannel channel) {
    ChannelId channelId = new ChannelId(request.getUniqueId());
    SessionInfo info = new SessionInfo(channelId, calls.apply(channelId).orElse(new CallId(request.getUniqueId())),
        AmiEventTranslator.known(request.getCallerIdNumber()), AmiEventTranslator.known(request.getCallerIdName()),
        dialled(request), request.getScript(), parameters(request),
        request.getArguments() == null ? List.of() : Arrays.asList(request.getArguments()),
        request.getLanguage());
    AgiCallSession session = new AgiCallSession(channel, info, registered.context());
    sessions.add(session);
    log.debug("IVR script {} starts for caller {} on channel {}", info.script(), Masking.phone(info.callerNumber()),
        channelId);
    try {
      session.serve(registered.script());
    } finally {
      sessions.remove(session);
    }
  }

  private static String dialled(AgiRequest request) {
    String dnid = AmiEventTranslator.known(request.getDnid());
    return dnid == null || "unknown".equals(dnid) ? request.getExtension() : dnid;
  }

  private static Map<String, String> parameters(AgiRequest request) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String[]> raw = request.getParameterMap();
    if (raw != null) {
      raw.forEach((k, v) -> {
        if (v != null && v.length > 0) {
          out.put(k, v[0]);
        }
      });
    }
    return out;
  }

  private static void hangUpQuietly(AgiChannel channel) {
    try {
      channel.hangup();
    } catch (AgiException e) {
      log.debug("Hang-up of an unknown-script channel failed: {}", e.getMessage());
    }
  }
}
