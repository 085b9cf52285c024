package org.gridcare.pbx.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asterisk's side of one FastAGI connection, driven step by step by a test: sends the environment block recorded
 * from Asterisk 22 (in its two TCP segments), reads the script's commands and writes the replies the test chooses.
 */
final class FakeAsteriskAgi implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private FakeAsteriskAgi(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static FakeAsteriskAgi connect(int port) throws IOException {
    return new FakeAsteriskAgi(new Socket(InetAddress.getLoopbackAddress(), port));
  }

  /** Sends the environment of the {@code fastagi-hangup-during-command.txt} capture (two writes, LF only). */
  FakeAsteriskAgi sendCapturedEnvironment() throws IOException {
    Transcript capture = Transcript.load("fastagi-hangup-during-command.txt");
    for (Transcript.Record r : capture.records()) {
      if (r.direction().equals("AST->AGI")) {
        write(r.text());
        if (r.text().endsWith("\n\n")) {
          break;
        }
      }
    }
    return this;
  }

  /** Sends an environment for {@code script} (with the capture's other values). */
  FakeAsteriskAgi sendEnvironment(String script, String uniqueId) throws IOException {
    write("agi_network: yes\nagi_network_script: " + script + "\nagi_request: agi://127.0.0.1:4573/" + script
        + "\nagi_channel: PJSIP/caller-00000004\nagi_language: en\nagi_type: PJSIP\nagi_uniqueid: " + uniqueId
        + "\nagi_version: 22.10.1\nagi_callerid: 5551000\nagi_calleridname: Customer\nagi_callingpres: 0\n"
        + "agi_callingani2: 0\nagi_callington: 0\nagi_callingtns: 0\nagi_dnid: 101\nagi_rdnis: unknown\n"
        + "agi_context: cc-inbound\n");
    write("agi_extension: 101\nagi_priority: 2\nagi_enhanced: 0.0\nagi_accountcode: \n"
        + "agi_threadid: 140064736949952\n\n");
    return this;
  }

  void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** The next command line (without its LF), or null when the script closed the socket. */
  String readCommand() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        return line.toString(StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads a command, checks it starts with {@code expected} and answers {@code reply}. Returns the command. */
  String expect(String expected, String reply) throws IOException {
    String command = readCommand();
    if (command == null || !command.startsWith(expected)) {
      throw new AssertionError("expected a command starting with " + expected + ", got " + command);
    }
    write(reply + "\n");
    return command;
  }

  /**
   * Answers whatever the script still sends after its end (Asterisk-Java sets AJ_AGISTATUS) until the socket
   * closes; returns true when it did close.
   */
  boolean awaitClose() throws IOException {
    String command;
    try {
      while ((command = readCommand()) != null) {
        write(command.startsWith("SET VARIABLE") ? "200 result=1\n" : "511 Command Not Permitted on a dead channel"
            + " or intercept routine\n");
      }
    } catch (java.net.SocketException e) {
      // the script side closed while we answered: closed all the same
    }
    return true;
  }

  /** Half-closes: Asterisk-Java's reader sees the end of the request. */
  void closeOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
