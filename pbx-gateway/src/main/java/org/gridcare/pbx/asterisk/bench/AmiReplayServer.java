package org.gridcare.pbx.asterisk.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A loopback AMI endpoint for the benchmark: after the banner it answers the actions a client sends on connect the
 * way Asterisk 22 does (Challenge, Login + FullyBooted, CoreSettings, an empty CoreShowChannels list, Ping, anything
 * else with a bare Success), and when {@link #replay} is called writes a captured call's events {@code copies} times
 * as fast as the socket takes them, then a marker call. In {@code raw} mode it writes the same bytes right after
 * accepting, with no handshake, for a bare socket reader.
 */
final class AmiReplayServer implements AutoCloseable {
  private final ServerSocket server;
  private final byte[] call;
  private final byte[] marker;
  private final boolean raw;
  private final int copies;
  private final CompletableFuture<Void> go = new CompletableFuture<>();
  private volatile long startedNanos;
  private volatile Socket client;
  private final Thread acceptor;

  AmiReplayServer(byte[] call, byte[] marker, int copies, boolean raw) throws IOException {
    this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    this.call = call;
    this.marker = marker;
    this.copies = copies;
    this.raw = raw;
    this.acceptor = new Thread(this::serve, "ami-replay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Starts the replay on the (first) logged-in connection. */
  void replay() {
    go.complete(null);
  }

  /** When the first replayed byte was written. */
  long startedNanos() {
    return startedNanos;
  }

  private void serve() {
    try (Socket s = server.accept()) {
      client = s;
      s.setTcpNoDelay(true);
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
      if (raw) {
        blast(out);
        return;
      }
      write(out, "Asterisk Call Manager/11.0.0\r\n");
      Thread replayer = new Thread(() -> go.thenRun(() -> {
        try {
          blast(out);
        } catch (IOException e) {
          // the client went away: the bench reports the missing marker
        }
      }), "ami-replay-writer");
      replayer.setDaemon(true);
      replayer.start();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      Map<String, String> action;
      while ((action = readFrame(in)) != null) {
        answer(out, action);
      }
    } catch (IOException e) {
      // closed by the bench
    }
  }

  private void blast(OutputStream out) throws IOException {
    synchronized (out) {
      startedNanos = System.nanoTime();
      for (int i = 0; i < copies; i++) {
        out.write(call);
      }
      out.write(marker);
      out.flush();
    }
    if (raw) {
      out.close();
    }
  }

  private static Map<String, String> readFrame(BufferedReader in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (!headers.isEmpty()) {
          return headers;
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    return null;
  }

  private static void answer(OutputStream out, Map<String, String> action) throws IOException {
    String id = action.getOrDefault("actionid", "");
    String head = "ActionID: " + id + "\r\n";
    String reply = switch (action.getOrDefault("action", "").toLowerCase(Locale.ROOT)) {
      case "challenge" -> "Response: Success\r\n" + head + "Challenge: 840415273\r\n\r\n";
      case "login" -> "Response: Success\r\n" + head + "Message: Authentication accepted\r\n\r\n"
          + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 1\r\nLastReload: 1\r\nStatus: Fully Booted\r\n\r\n";
      case "coresettings" -> "Response: Success\r\n" + head + "AMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\n"
          + "SystemName: \r\nCoreMaxCalls: 0\r\nCoreMaxLoadAvg: 0.000000\r\nCoreRunUser: \r\nCoreRunGroup: \r\n"
          + "CoreMaxFilehandles: 0\r\nCoreRealTimeEnabled: No\r\nCoreCDRenabled: Yes\r\nCoreHTTPenabled: No\r\n"
          + "SoundsSearchCustomDir: No\r\n\r\n";
      case "coreshowchannels" -> "Response: Success\r\n" + head + "EventList: start\r\nMessage: Channels will follow\r\n\r\n"
          + "Event: CoreShowChannelsComplete\r\n" + head + "EventList: Complete\r\nListItems: 0\r\n\r\n";
      case "ping" -> "Response: Success\r\n" + head + "Ping: Pong\r\nTimestamp: 1795477684.431591\r\n\r\n";
      case "logoff" -> "Response: Goodbye\r\n" + head + "Message: Thanks for all the fish.\r\n\r\n";
      default -> "Response: Success\r\n" + head + "\r\n";
    };
    write(out, reply);
  }

  private static void write(OutputStream out, String s) throws IOException {
    synchronized (out) {
      out.write(s.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    go.cancel(false);
    server.close();
    Socket s = client;
    if (s != null) {
      s.close();
    }
  }
}
