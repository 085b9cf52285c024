package org.gridcare.pbxsim.dialplan;

import java.util.function.Function;

/**
 * Asterisk variable substitution: {@code ${NAME}}, {@code ${FUNC(args)}}, {@code ${NAME:offset[:length]}}, nested
 * ({@code ${A${B}}}) and {@code $[expression]}. Unknown names expand to the empty string, as in Asterisk.
 */
public final class Substitution {
  private Substitution() {}

  /** {@code resolver} gets a variable or function call such as {@code CALLERID(num)} and returns its value or null. */
  public static String expand(String text, Function<String, String> resolver) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '[')) {
        char open = text.charAt(i + 1);
        char close = open == '{' ? '}' : ']';
        int end = matching(text, i + 1, open, close);
        if (end < 0) {
          out.append(text.substring(i));
          break;
        }
        String inner = expand(text.substring(i + 2, end), resolver);
        out.append(open == '{' ? variable(inner, resolver) : Expression.evaluate(inner));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int matching(String text, int openAt, char open, char close) {
    int depth = 0;
    for (int j = openAt; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == open) {
        depth++;
      } else if (c == close) {
        depth--;
        if (depth == 0) {
          return j;
        }
      }
    }
    return -1;
  }

  private static String variable(String inner, Function<String, String> resolver) {
    String name = inner;
    Integer offset = null;
    Integer length = null;
    int paren = inner.lastIndexOf(')');
    int colon = inner.indexOf(':', paren < 0 ? 0 : paren);
    if (colon > 0) {
      name = inner.substring(0, colon);
      String[] parts = inner.substring(colon + 1).split(":", 2);
      offset = parseInt(parts[0]);
      length = parts.length > 1 ? parseInt(parts[1]) : null;
    }
    String value = resolver.apply(name);
    if (value == null) {
      return "";
    }
    if (offset != null) {
      int from = offset < 0 ? Math.max(0, value.length() + offset) : Math.min(offset, value.length());
      int to = value.length();
      if (length != null) {
        to = length < 0 ? Math.max(from, value.length() + length) : Math.min(value.length(), from + length);
      }
      value = value.substring(from, to);
    }
    return value;
  }

  private static Integer parseInt(String s) {
    try {
      return s.isBlank() ? 0 : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
