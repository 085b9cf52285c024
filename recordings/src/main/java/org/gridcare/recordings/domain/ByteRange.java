package org.gridcare.recordings.domain;

import java.util.Optional;

/**
 * One HTTP byte range ({@code bytes=0-99}, {@code bytes=100-}, {@code bytes=-500}) resolved against a file size.
 * Several ranges are not supported (browsers' audio elements ask for one); an unsatisfiable range fails with
 * {@link Unsatisfiable} (HTTP 416).
 */
public record ByteRange(long start, long endInclusive) {

  public long length() {
    return endInclusive - start + 1;
  }

  public String contentRange(long size) {
    return "bytes " + start + "-" + endInclusive + "/" + size;
  }

  /** Empty when there is no Range header (send everything). */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.strip();
    if (!h.startsWith("bytes=") || h.contains(",")) {
      throw new Unsatisfiable("Only one range in bytes is supported: " + h);
    }
    String spec = h.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      throw new Unsatisfiable("Malformed range: " + h);
    }
    try {
      String a = spec.substring(0, dash).strip();
      String b = spec.substring(dash + 1).strip();
      long start;
      long end;
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0) {
          throw new Unsatisfiable("Empty suffix range: " + h);
        }
        start = Math.max(0, size - suffix);
        end = size - 1;
      } else {
        start = Long.parseLong(a);
        end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      }
      if (start < 0 || start >= size || end < start) {
        throw new Unsatisfiable("Range " + h + " is outside the file of " + size + " bytes");
      }
      return Optional.of(new ByteRange(start, end));
    } catch (NumberFormatException e) {
      throw new Unsatisfiable("Malformed range: " + h);
    }
  }

  /** The range cannot be served. */
  public static final class Unsatisfiable extends RuntimeException {
    public Unsatisfiable(String message) {
      super(message);
    }
  }
}
