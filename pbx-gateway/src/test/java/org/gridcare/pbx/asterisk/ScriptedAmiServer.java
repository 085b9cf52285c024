package org.gridcare.pbx.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny AMI server for tests, speaking the framing and replies recorded from Asterisk 22 (asterisk-captures):
 * banner, MD5 challenge login, CoreSettings, Ping, CoreShowChannels list, Logoff. Other actions are answered by a
 * test-supplied handler whose text may use {@code ${ActionID}}; a null answer gets Asterisk's unknown-action error.
 */
final class ScriptedAmiServer implements AutoCloseable {
  static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  private static final String CHALLENGE = "728063074";

  private final String secret;
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  final BlockingQueue<Map<String, String>> actions = new LinkedBlockingQueue<>();
  final BlockingQueue<String> loggedIn = new LinkedBlockingQueue<>();
  volatile Function<Map<String, String>, String> handler = a -> null;
  /** Bodies of {@code CoreShowChannel} items (the header block after {@code ActionID}), one per live channel. */
  volatile List<String> liveChannels = List.of();
  volatile boolean answerPings = true;

  ScriptedAmiServer(String secret) throws IOException {
    this.secret = secret;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "fake-ami-acceptor");
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The next action the client sent whose {@code Action} is {@code name} (case-insensitive), waiting up to 5 s. */
  Map<String, String> awaitAction(String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      Map<String, String> a = actions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (a != null && name.equalsIgnoreCase(a.get("Action"))) {
        return a;
      }
    }
    throw new AssertionError("no " + name + " action within 5 s");
  }

  /** Sends raw AMI text (events) to every logged-in connection. */
  void push(String raw) {
    connections.forEach(c -> c.write(raw));
  }

  void dropConnections() {
    connections.forEach(Connection::close);
    connections.clear();
  }

  int openConnections() {
    return (int) connections.stream().filter(c -> !c.socket.isClosed()).count();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    dropConnections();
    acceptor.join(5_000);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Connection c = new Connection(socket);
        connections.add(c);
        Thread t = new Thread(c::serve, "fake-ami-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private final class Connection {
    final Socket socket;
    OutputStream out;

    Connection(Socket socket) {
      this.socket = socket;
    }

    synchronized void write(String text) {
      try {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException | NullPointerException e) {
        close();
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }

    void serve() {
      try (socket) {
        out = socket.getOutputStream();
        write(BANNER);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
          buffer.write(b);
          String text = buffer.toString(StandardCharsets.UTF_8);
          if (text.endsWith("\r\n\r\n")) {
            buffer.reset();
            // AMI header names are case-insensitive; Asterisk-Java writes them in lower case.
            Map<String, String> action = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            action.putAll(Transcript.amiMessages(text).get(0));
            action.put("__raw", text);
            actions.add(action);
            if (!answer(action)) {
              return;
            }
          }
        }
      } catch (IOException e) {
        // client went away
      } finally {
        connections.remove(this);
      }
    }

    /** Returns false when the connection must close after the answer. */
    boolean answer(Map<String, String> action) {
      String id = action.getOrDefault("ActionID", "");
      String idLine = id.isEmpty() ? "" : "ActionID: " + id + "\r\n";
      String name = action.getOrDefault("Action", "");
      switch (name.toLowerCase()) {
        case "challenge" -> write("Response: Success\r\n" + idLine + "Challenge: " + CHALLENGE + "\r\n\r\n");
        case "login" -> {
          if (!md5(CHALLENGE + secret).equals(action.get("Key"))) {
            write("Response: Error\r\n" + idLine + "Message: Authentication failed\r\n\r\n");
            return false;
          }
          write("Response: Success\r\n" + idLine + "Message: Authentication accepted\r\n\r\n"
              + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 58\r\nLastReload: 58\r\n"
              + "Status: Fully Booted\r\n\r\n");
          loggedIn.add(action.get("Username"));
        }
        case "coresettings" -> write("Response: Success\r\n" + idLine + "AMIversion: 11.0.0\r\n"
            + "AsteriskVersion: 22.10.1\r\nSystemName: \r\nCoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\n"
            + "CoreRunUser: \r\nCoreRunGroup: \r\nCoreMaxFilehandles: 0\r\nCoreRealTimeEnabled: No\r\n"
            + "CoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\nSoundsSearchCustomDir: No\r\n\r\n");
        case "ping" -> {
          if (answerPings) {
            write("Response: Success\r\n" + idLine + "Ping: Pong\r\nTimestamp: 1795477686.525816\r\n\r\n");
          }
        }
        case "logoff" -> {
          write("Response: Goodbye\r\n" + idLine + "Message: Thanks for all the fish.\r\n\r\n");
          return false;
        }
        case "coreshowchannels" -> {
          StringBuilder s = new StringBuilder("Response: Success\r\n" + idLine
              + "EventList: start\r\nMessage: Channels will follow\r\n\r\n");
          List<String> items = liveChannels;
          items.forEach(body -> s.append("Event: CoreShowChannel\r\n").append(idLine).append(body).append("\r\n"));
          s.append("Event: CoreShowChannelsComplete\r\n").append(idLine)
              .append("EventList: Complete\r\nListItems: ").append(items.size()).append("\r\n\r\n");
          write(s.toString());
        }
        default -> {
          String reply = handler.apply(action);
          write(reply != null ? reply.replace("${ActionID}", id)
              : "Response: Error\r\n" + idLine + "Message: Invalid/unknown command: " + name
                  + ". Use Action: ListCommands to show available commands.\r\n\r\n");
        }
      }
      return true;
    }
  }

  static String md5(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
      return String.format("%032x", new BigInteger(1, digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
