package org.gridcare.pbxsim.ami;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.gridcare.pbxsim.engine.SimChannel;

/** Value formats shared by the AMI actions. */
final class AmiValues {
  private AmiValues() {}

  /** Asterisk's truth for action headers ({@code Async}, {@code State}). */
  static boolean isTrue(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("on");
  }

  static long parseLong(String text, long fallback) {
    try {
      return text.isBlank() ? fallback : Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static long seconds(SimChannel c) {
    return (System.currentTimeMillis() - c.createdAtMillis()) / 1000;
  }

  /** {@code hh:mm:ss} as in CoreShowChannel's Duration. */
  static String duration(long seconds) {
    return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  /** Epoch seconds with microseconds, as in the Ping response. */
  static String timestamp() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "<unknown>" : s;
  }
}
