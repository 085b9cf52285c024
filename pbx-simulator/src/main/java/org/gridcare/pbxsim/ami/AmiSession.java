package org.gridcare.pbxsim.ami;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import org.gridcare.pbxsim.engine.Switchboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMI connection: banner, login (plain or MD5 challenge), then actions answered strictly in the order they
 * arrived, interleaved with the PBX event stream when events are on. A malformed frame gets an error response; it
 * never closes the connection.
 */
final class AmiSession {
  private static final Logger LOG = LoggerFactory.getLogger(AmiSession.class);
  static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  private static final DateTimeFormatter EVENT_TV =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final Switchboard sb;
  private final NetSocket socket;
  private final AmiServer.Credentials credentials;
  private final AmiActions actions;
  private final Consumer<AmiSession> onClosed;
  private final String sessionId;
  private final Instant openedAt = Instant.now();
  private Future<Void> queue = Future.succeededFuture();
  private boolean authenticated;
  private boolean eventsOn = true;
  private boolean closing;
  private String challenge;

  AmiSession(Switchboard sb, NetSocket socket, AmiServer.Credentials credentials, AmiActions actions,
      Consumer<AmiSession> onClosed) {
    this.sb = sb;
    this.socket = socket;
    this.credentials = credentials;
    this.actions = actions;
    this.onClosed = onClosed;
    this.sessionId = "0x" + Integer.toHexString(System.identityHashCode(this));
  }

  void start() {
    AmiFrameParser parser = new AmiFrameParser(this::enqueue, () -> send(
        new AmiFrame().add("Response", "Error").add("Message", "Request too long")));
    socket.handler(parser::feed);
    socket.closeHandler(v -> {
      closing = true;
      onClosed.accept(this);
    });
    socket.exceptionHandler(e -> LOG.debug("AMI connection error", e));
    socket.write(BANNER);
  }

  private void enqueue(AmiFrame frame) {
    queue = queue.transform(ignored -> {
      if (closing) {
        return Future.succeededFuture();
      }
      try {
        return handle(frame).recover(e -> {
          LOG.warn("AMI action {} failed", frame.get("Action"), e);
          send(AmiFrame.response("Error", frame).add("Message", String.valueOf(e.getMessage())));
          return Future.succeededFuture();
        });
      } catch (RuntimeException e) {
        LOG.warn("AMI action {} failed", frame.get("Action"), e);
        send(AmiFrame.response("Error", frame).add("Message", String.valueOf(e.getMessage())));
        return Future.succeededFuture();
      }
    });
  }

  private Future<Void> handle(AmiFrame frame) {
    String action = frame.get("Action");
    if (action == null || action.isBlank()) {
      send(AmiFrame.response("Error", frame).add("Message", "Missing action in request"));
      return Future.succeededFuture();
    }
    switch (action.toLowerCase(Locale.ROOT)) {
      case "login":
        return login(frame);
      case "challenge":
        return challenge(frame);
      case "logoff":
        send(AmiFrame.response("Goodbye", frame).add("Message", "Thanks for all the fish."));
        return close();
      default:
        if (!authenticated) {
          send(AmiFrame.response("Error", frame).add("Message", "Permission denied"));
          return Future.succeededFuture();
        }
        if (action.equalsIgnoreCase("events")) {
          eventsOn = !"off".equalsIgnoreCase(frame.value("EventMask").strip());
          send(AmiFrame.response("Success", frame).add("Events", eventsOn ? "On" : "Off"));
          return Future.succeededFuture();
        }
        return actions.handle(this, action, frame);
    }
  }

  private Future<Void> challenge(AmiFrame frame) {
    if (!"md5".equalsIgnoreCase(frame.value("AuthType"))) {
      send(AmiFrame.response("Error", frame).add("Message", "Must specify AuthType"));
      return Future.succeededFuture();
    }
    challenge = Integer.toString(100_000_000 + sb.random().nextInt(900_000_000));
    send(AmiFrame.response("Success", frame).add("Challenge", challenge));
    return Future.succeededFuture();
  }

  private Future<Void> login(AmiFrame frame) {
    boolean md5 = "md5".equalsIgnoreCase(frame.value("AuthType"));
    boolean userOk = credentials.username().equals(frame.value("Username"));
    boolean ok = md5
        ? userOk && challenge != null && md5(challenge + credentials.secret()).equalsIgnoreCase(frame.value("Key"))
        : userOk && credentials.secret().equals(frame.value("Secret"));
    if (!ok) {
      LOG.info("AMI login failed for user '{}'", frame.value("Username"));
      Promise<Void> failed = Promise.promise();
      sb.vertx().setTimer(Math.max(1, credentials.authFailureDelay().toMillis()), t -> {
        send(AmiFrame.response("Error", frame).add("Message", "Authentication failed"));
        close().onComplete(failed);
      });
      return failed.future();
    }
    authenticated = true;
    eventsOn = !"off".equalsIgnoreCase(frame.value("Events").strip());
    send(AmiFrame.response("Success", frame).add("Message", "Authentication accepted"));
    if (eventsOn) {
      String now = EVENT_TV.format(Instant.now());
      send(AmiFrame.event("FullyBooted", "system,all").add("Uptime", sb.uptimeSeconds())
          .add("LastReload", sb.uptimeSeconds()).add("Status", "Fully Booted"));
      send(AmiFrame.event("SuccessfulAuth", "security,all").add("EventTV", now).add("Severity", "Informational")
          .add("Service", "AMI").add("EventVersion", "1").add("AccountID", credentials.username())
          .add("SessionID", sessionId).add("LocalAddress", address(socket.localAddress()))
          .add("RemoteAddress", address(socket.remoteAddress())).add("UsingPassword", "0")
          .add("SessionTV", EVENT_TV.format(openedAt)));
    }
    return Future.succeededFuture();
  }

  /** The security event Asterisk raises for an unknown action, to this session only. */
  void requestBadFormat(String action) {
    event(AmiFrame.event("RequestBadFormat", "security,all").add("EventTV", EVENT_TV.format(Instant.now()))
        .add("Severity", "Error").add("Service", "AMI").add("EventVersion", "1").add("SessionID", sessionId)
        .add("LocalAddress", address(socket.localAddress())).add("RemoteAddress", address(socket.remoteAddress()))
        .add("RequestType", "Action: " + action).add("SessionTV", EVENT_TV.format(openedAt))
        .add("AccountID", credentials.username()));
  }

  void send(AmiFrame frame) {
    if (!closing) {
      socket.write(frame.toWire());
    }
  }

  void event(AmiFrame event) {
    if (authenticated && eventsOn) {
      send(event);
    }
  }

  Future<Void> close() {
    if (closing) {
      return Future.succeededFuture();
    }
    closing = true;
    return socket.close();
  }

  private static String address(io.vertx.core.net.SocketAddress a) {
    return a == null ? "" : "IPV4/TCP/" + a.hostAddress() + "/" + a.port();
  }

  static String md5(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }
}
