package org.gridcare.pbxsim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A tiny FastAGI server on a plain ServerSocket: the test plays the script, line by line. */
final class RawFastAgiServer implements AutoCloseable {
  private final ServerSocket server;
  private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
  private final Thread acceptor;

  RawFastAgiServer() throws IOException {
    server = new ServerSocket(0);
    acceptor = new Thread(() -> {
      try {
        while (!server.isClosed()) {
          Socket s = server.accept();
          s.setSoTimeout(5000);
          sessions.add(new Session(s));
        }
      } catch (IOException e) {
        // closed
      }
    }, "raw-fastagi");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  Session accept() throws InterruptedException {
    Session s = sessions.poll(5, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("no FastAGI connection within 5 s");
    }
    return s;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  static final class Session implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    /** The environment exactly as received, for framing checks. */
    final String rawEnvironment;
    final Map<String, String> env = new LinkedHashMap<>();

    Session(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      StringBuilder raw = new StringBuilder();
      String line;
      while (!(line = readLine()).equals("\n")) {
        raw.append(line);
        int colon = line.indexOf(": ");
        env.put(line.substring(0, colon), line.substring(colon + 2, line.length() - 1));
      }
      rawEnvironment = raw.append("\n").toString();
    }

    /** One line including its LF. */
    String readLine() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) >= 0) {
        b.write(c);
        if (c == '\n') {
          break;
        }
      }
      if (b.size() == 0) {
        throw new IOException("EOF");
      }
      return b.toString(StandardCharsets.UTF_8);
    }

    void send(String command) throws IOException {
      socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
    }

    /** Sends a command and returns the first reply line without its LF. */
    String command(String command) throws IOException {
      send(command);
      return reply();
    }

    String reply() throws IOException {
      String line = readLine();
      return line.substring(0, line.length() - 1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
