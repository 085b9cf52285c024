package org.gridcare.pbx.asterisk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A wire transcript recorded from a real Asterisk (test resources, asterisk-captures/*.txt), as exact bytes. */
record Transcript(List<Record> records) {
  private static final Pattern HEADER = Pattern.compile("^\\[\\+\\s*[0-9.]+\\] (\\S+) (\\d+) bytes$");

  /** One TCP read or write: {@code direction} is e.g. {@code S->C}, {@code S->C2}, {@code AST->AGI}. */
  record Record(String direction, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  static Transcript load(String name) {
    try (InputStream in = Transcript.class.getResourceAsStream("/asterisk-captures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no capture " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Transcript parse(String text) {
    List<Record> records = new ArrayList<>();
    String direction = null;
    ByteArrayOutputStream bytes = null;
    for (String line : text.split("\n", -1)) {
      Matcher m = HEADER.matcher(line);
      if (m.matches()) {
        if (direction != null) {
          records.add(new Record(direction, bytes.toByteArray()));
        }
        direction = m.group(1);
        bytes = new ByteArrayOutputStream();
      } else if (line.startsWith("    ") && direction != null) {
        unescape(line.substring(4), bytes);
      } else if (direction != null) {
        records.add(new Record(direction, bytes.toByteArray()));
        direction = null;
      }
    }
    if (direction != null) {
      records.add(new Record(direction, bytes.toByteArray()));
    }
    return new Transcript(records);
  }

  /** Splits an AMI byte stream into messages (the banner line is skipped); each message keeps its header order. */
  static List<Map<String, String>> amiMessages(String stream) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String block : stream.split("\r\n\r\n")) {
      Map<String, String> message = new LinkedHashMap<>();
      for (String line : block.split("\r\n")) {
        int colon = line.indexOf(": ");
        if (colon > 0) {
          message.put(line.substring(0, colon), line.substring(colon + 2));
        } else if (line.endsWith(":")) {
          message.put(line.substring(0, line.length() - 1), "");
        }
      }
      if (!message.isEmpty()) {
        out.add(message);
      }
    }
    return out;
  }

  private static void unescape(String s, ByteArrayOutputStream out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.write(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'r' -> out.write('\r');
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case '\\' -> out.write('\\');
        case 'x' -> {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> {
          out.write('\\');
          out.write(n);
        }
      }
    }
  }
}
