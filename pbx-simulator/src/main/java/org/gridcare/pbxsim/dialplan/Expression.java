package org.gridcare.pbxsim.dialplan;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of Asterisk's {@code $[...]} expression language dialplans use for decisions: {@code | & = != < > <= >=}
 * comparisons (numeric when both sides are numbers), {@code !}, parentheses and double-quoted strings. True is
 * {@code 1}, false {@code 0}; a lone operand evaluates to itself.
 */
public final class Expression {
  private final List<String> tokens;
  private int pos;

  private Expression(List<String> tokens) {
    this.tokens = tokens;
  }

  public static String evaluate(String text) {
    List<String> tokens = tokenize(text);
    if (tokens.isEmpty()) {
      return "";
    }
    Expression e = new Expression(tokens);
    return e.or();
  }

  /** Asterisk truth: empty and "0" are false, anything else true. */
  public static boolean isTrue(String value) {
    String v = value == null ? "" : value.strip();
    return !v.isEmpty() && !v.equals("0");
  }

  private String or() {
    String left = and();
    while (peek("|")) {
      pos++;
      String right = and();
      left = isTrue(left) ? left : (isTrue(right) ? right : "0");
    }
    return left;
  }

  private String and() {
    String left = comparison();
    while (peek("&")) {
      pos++;
      String right = comparison();
      left = isTrue(left) && isTrue(right) ? left : "0";
    }
    return left;
  }

  private String comparison() {
    String left = unary();
    while (pos < tokens.size() && List.of("=", "!=", "<", ">", "<=", ">=").contains(tokens.get(pos))) {
      String op = tokens.get(pos++);
      String right = unary();
      int cmp = compare(left, right);
      boolean result = switch (op) {
        case "=" -> cmp == 0;
        case "!=" -> cmp != 0;
        case "<" -> cmp < 0;
        case ">" -> cmp > 0;
        case "<=" -> cmp <= 0;
        default -> cmp >= 0;
      };
      left = result ? "1" : "0";
    }
    return left;
  }

  private String unary() {
    if (peek("!")) {
      pos++;
      return isTrue(unary()) ? "0" : "1";
    }
    if (peek("(")) {
      pos++;
      String inner = or();
      if (peek(")")) {
        pos++;
      }
      return inner;
    }
    return pos < tokens.size() ? unquote(tokens.get(pos++)) : "";
  }

  private boolean peek(String token) {
    return pos < tokens.size() && tokens.get(pos).equals(token);
  }

  private static int compare(String a, String b) {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  private static String unquote(String token) {
    if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
      return token.substring(1, token.length() - 1);
    }
    return token;
  }

  private static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        end = end < 0 ? text.length() - 1 : end;
        out.add(text.substring(i, end + 1));
        i = end + 1;
      } else if ((c == '!' || c == '<' || c == '>') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
        out.add(text.substring(i, i + 2));
        i += 2;
      } else if ("|&=<>!()".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "|&=<>!()\"".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        out.add(text.substring(start, i));
      }
    }
    return out;
  }
}
