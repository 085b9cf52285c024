package org.gridcare.pbxsim.dialplan;

/**
 * Asterisk extension matching: a literal, or a pattern starting with {@code _} using {@code X} (0-9), {@code Z}
 * (1-9), {@code N} (2-9), {@code [..]} sets with ranges, {@code .} (one or more) and {@code !} (zero or more).
 */
public final class ExtensionPattern {
  private ExtensionPattern() {}

  public static boolean matches(String pattern, String exten) {
    if (!pattern.startsWith("_")) {
      return pattern.equals(exten);
    }
    return match(pattern, 1, exten, 0);
  }

  private static boolean match(String p, int pi, String s, int si) {
    if (pi == p.length()) {
      return si == s.length();
    }
    char c = Character.toUpperCase(p.charAt(pi));
    if (c == '.') {
      return si < s.length();
    }
    if (c == '!') {
      return true;
    }
    if (si == s.length()) {
      return false;
    }
    char ch = s.charAt(si);
    switch (c) {
      case 'X':
        return ch >= '0' && ch <= '9' && match(p, pi + 1, s, si + 1);
      case 'Z':
        return ch >= '1' && ch <= '9' && match(p, pi + 1, s, si + 1);
      case 'N':
        return ch >= '2' && ch <= '9' && match(p, pi + 1, s, si + 1);
      case '[': {
        int end = p.indexOf(']', pi);
        if (end < 0) {
          return false;
        }
        return inSet(p.substring(pi + 1, end), ch) && match(p, end + 1, s, si + 1);
      }
      default:
        return p.charAt(pi) == ch && match(p, pi + 1, s, si + 1);
    }
  }

  private static boolean inSet(String set, char ch) {
    for (int i = 0; i < set.length(); i++) {
      if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        if (ch >= set.charAt(i) && ch <= set.charAt(i + 2)) {
          return true;
        }
        i += 2;
      } else if (set.charAt(i) == ch) {
        return true;
      }
    }
    return false;
  }
}
