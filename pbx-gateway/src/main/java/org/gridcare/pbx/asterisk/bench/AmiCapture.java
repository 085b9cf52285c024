package org.gridcare.pbx.asterisk.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events Asterisk sent during one call, from a transcript in {@code asterisk-captures/} (format: a
 * {@code [+t] S->C n bytes} header, then the bytes one wire line per indented text line with {@code \r \n \t \\ \xNN}
 * escapes). Keeps only the {@code Event:} frames the server sent after login, byte for byte.
 */
public record AmiCapture(List<String> frames) {
  static final String CALLER_CHANNEL = "PJSIP/caller-0000000d";
  static final String CALLER_UNIQUEID = "1795478361.13";

  public static AmiCapture read(Path transcript) throws IOException {
    ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    boolean inServerChunk = false;
    for (String line : Files.readAllLines(transcript, StandardCharsets.UTF_8)) {
      if (line.startsWith("[")) {
        inServerChunk = line.contains(" S->C ") && line.endsWith("bytes");
      } else if (inServerChunk && line.startsWith("    ")) {
        fromServer.write(unescape(line.substring(4)));
      }
    }
    List<String> frames = new ArrayList<>();
    for (String frame : fromServer.toString(StandardCharsets.ISO_8859_1).split("\r\n\r\n")) {
      if (frame.startsWith("Event: ") && !frame.startsWith("Event: FullyBooted") && !frame.startsWith("Event: SuccessfulAuth")) {
        frames.add(frame + "\r\n\r\n");
      }
    }
    if (frames.stream().noneMatch(f -> f.contains(CALLER_UNIQUEID))) {
      throw new IOException(transcript + " is not the inbound-call capture (no caller channel " + CALLER_UNIQUEID + ")");
    }
    return new AmiCapture(List.copyOf(frames));
  }

  /** Every frame of the call, as one block of wire bytes. */
  public byte[] callBytes() {
    return String.join("", frames).getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * A Newchannel and a Hangup for a channel of its own ({@code uniqueId}), copied from the caller's: written after a
   * replay, its Hangup reaching the domain says every event before it has been handled.
   */
  public byte[] markerBytes(String uniqueId) {
    String created = frames.stream().filter(f -> f.startsWith("Event: Newchannel\r\n") && f.contains(CALLER_UNIQUEID))
        .findFirst().orElseThrow();
    String hungUp = frames.stream().filter(f -> f.startsWith("Event: Hangup\r\n") && f.contains(CALLER_UNIQUEID))
        .findFirst().orElseThrow();
    return (created + hungUp).replace(CALLER_UNIQUEID, uniqueId).replace(CALLER_CHANNEL, "PJSIP/benchend-" + uniqueId)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] unescape(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.write(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'r' -> out.write('\r');
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'x' -> {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> out.write(e);
      }
    }
    return out.toByteArray();
  }
}
