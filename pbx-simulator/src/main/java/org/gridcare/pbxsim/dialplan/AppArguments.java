package org.gridcare.pbxsim.dialplan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits application data on commas like Asterisk's {@code ast_app_separate_args}: commas inside double quotes or
 * parentheses do not split, quotes are removed and a backslash escapes the next character.
 */
public final class AppArguments {
  private AppArguments() {}

  public static List<String> split(String data) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    int parens = 0;
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == '\\' && i + 1 < data.length()) {
        cur.append(data.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        parens++;
        cur.append(c);
      } else if (!quoted && c == ')' && parens > 0) {
        parens--;
        cur.append(c);
      } else if (c == ',' && !quoted && parens == 0) {
        args.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    args.add(cur.toString());
    return args;
  }

  public static String arg(List<String> args, int index) {
    return index < args.size() ? args.get(index).strip() : "";
  }
}
