package org.gridcare.pbxsim.agi;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an AGI command line like Asterisk's {@code parse_args}: whitespace separates, double quotes group, and a
 * backslash escapes the next character ({@code "a \"quoted\" value"} is one argument {@code a "quoted" value}).
 */
final class AgiArguments {
  private AgiArguments() {}

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean inArg = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
        inArg = true;
      } else if (c == '"') {
        quoted = !quoted;
        inArg = true;
      } else if (!quoted && Character.isWhitespace(c)) {
        if (inArg) {
          out.add(cur.toString());
          cur.setLength(0);
          inArg = false;
        }
      } else {
        cur.append(c);
        inArg = true;
      }
    }
    if (inArg) {
      out.add(cur.toString());
    }
    return out;
  }
}
