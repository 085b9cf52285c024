package org.gridcare.platform.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal identifiers for logs and for screens without the right to see them. Used everywhere a phone
 * number or a national ID could reach a log line.
 */
public final class Masking {
  /** Runs of 6+ digits, optionally with a leading + and separators, as they appear in free text. */
  private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\d[\\d \\-]{4,}\\d");

  private Masking() {}

  /** {@code +4791234567} becomes {@code +47******67}: country prefix and last two digits stay for support. */
  public static String phone(String phone) {
    if (phone == null || phone.isBlank()) {
      return phone;
    }
    String digits = phone.replaceAll("[^0-9+]", "");
    if (digits.length() <= 4) {
      return "*".repeat(digits.length());
    }
    int keepStart = digits.startsWith("+") ? 3 : 0;
    int keepEnd = 2;
    return digits.substring(0, keepStart)
        + "*".repeat(digits.length() - keepStart - keepEnd)
        + digits.substring(digits.length() - keepEnd);
  }

  /** A national ID or organisation number: only the last two digits stay ({@code *********12}). */
  public static String identifier(String id) {
    if (id == null || id.isBlank()) {
      return id;
    }
    String s = id.strip();
    if (s.length() <= 2) {
      return "*".repeat(s.length());
    }
    return "*".repeat(s.length() - 2) + s.substring(s.length() - 2);
  }

  /** Masks every run of six or more digits in free text (log messages, AGI request strings, errors). */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DIGIT_RUN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      String digits = run.replaceAll("[^0-9]", "");
      String masked = digits.length() >= 6 ? (run.startsWith("+") ? phone(run) : identifier(digits)) : run;
      m.appendReplacement(out, Matcher.quoteReplacement(masked));
    }
    m.appendTail(out);
    return out.toString();
  }
}
