package org.gridcare.pbxsim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a transcript of shared/asterisk-captures (format in its README) back into wire bytes and AMI frames. */
final class CaptureTranscript {
  private static final Pattern RECORD = Pattern.compile("\\[\\+\\s*[\\d.]+\\] (\\S+) \\d+ bytes");

  record Record(String direction, String bytes) {}

  private CaptureTranscript() {}

  static List<Record> read(String resource) throws IOException {
    List<Record> records = new ArrayList<>();
    try (InputStream in = CaptureTranscript.class.getResourceAsStream("/captures/" + resource)) {
      if (in == null) {
        throw new IOException("missing capture " + resource);
      }
      String direction = null;
      StringBuilder payload = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        Matcher m = RECORD.matcher(line);
        if (m.matches()) {
          if (payload != null) {
            records.add(new Record(direction, payload.toString()));
          }
          direction = m.group(1);
          payload = new StringBuilder();
        } else if (line.startsWith("    ") && payload != null) {
          payload.append(unescape(line.substring(4)));
        } else if (payload != null) {
          records.add(new Record(direction, payload.toString()));
          payload = null;
        }
      }
      if (payload != null) {
        records.add(new Record(direction, payload.toString()));
      }
    }
    return records;
  }

  /** Every frame the server sent in one direction ({@code S->C}), banner removed, as ordered key/value lists. */
  static List<List<Map.Entry<String, String>>> frames(String resource, String direction) throws IOException {
    StringBuilder stream = new StringBuilder();
    for (Record r : read(resource)) {
      if (r.direction().equals(direction)) {
        stream.append(r.bytes());
      }
    }
    String text = stream.toString().replaceFirst("^Asterisk Call Manager/[^\r]*\r\n", "");
    List<List<Map.Entry<String, String>>> frames = new ArrayList<>();
    for (String block : text.split("\r\n\r\n")) {
      List<Map.Entry<String, String>> frame = new ArrayList<>();
      for (String line : block.split("\r\n")) {
        int colon = line.indexOf(": ");
        if (colon > 0) {
          frame.add(Map.entry(line.substring(0, colon), line.substring(colon + 2)));
        } else if (line.endsWith(":")) {
          frame.add(Map.entry(line.substring(0, line.length() - 1), ""));
        }
      }
      if (!frame.isEmpty()) {
        frames.add(frame);
      }
    }
    return frames;
  }

  static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'r' -> out.append('\r');
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '\\' -> out.append('\\');
          case 'x' -> {
            out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
            i += 2;
          }
          default -> out.append('\\').append(n);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
