package org.gridcare.pbxsim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A deliberately dumb AMI client on a plain socket: writes raw bytes, reads raw frames. For wire-level tests. */
final class RawAmiClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawAmiClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Reads one CRLF-terminated line (the banner). */
  String readLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      if (c == '\n') {
        break;
      }
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  /** Reads raw bytes up to and including the next empty line; null at EOF. */
  String readRawFrame() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.UTF_8);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
  }

  Map<String, String> readFrame() throws IOException {
    String raw = readRawFrame();
    if (raw == null) {
      return null;
    }
    Map<String, String> f = new LinkedHashMap<>();
    for (String line : raw.split("\r\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        f.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
      } else if (line.endsWith(":")) {
        f.putIfAbsent(line.substring(0, line.length() - 1), "");
      }
    }
    return f;
  }

  /** Reads frames until one matches, returning every frame read (the match last). */
  List<Map<String, String>> readUntil(Predicate<Map<String, String>> stop) throws IOException {
    List<Map<String, String>> frames = new ArrayList<>();
    while (true) {
      Map<String, String> f = readFrame();
      if (f == null) {
        throw new IOException("EOF before the expected frame; got " + frames);
      }
      frames.add(f);
      if (stop.test(f)) {
        return frames;
      }
    }
  }

  void sendBytes(byte[] raw) throws IOException {
    out.write(raw);
    out.flush();
  }

  void send(String raw) throws IOException {
    out.write(raw.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** True when the server closed the connection (EOF) within the socket timeout. */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Skips whatever is still queued; true when the server closed the connection within the socket timeout. */
  boolean drainUntilClosed() throws IOException {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // discard
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  void login(String user, String secret) throws IOException {
    readLine();
    send("Action: Login\r\nActionID: login-1\r\nUsername: " + user + "\r\nSecret: " + secret + "\r\n\r\n");
    Map<String, String> r = readFrame();
    if (!"Success".equals(r.get("Response"))) {
      throw new IOException("login failed: " + r);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
