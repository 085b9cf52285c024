package org.gridcare.platform.domain;

import java.util.Map;

/**
 * A failure the domain can name: a stable id ({@code no-such-call}, {@code operator-busy}), a kind, a message
 * for people and optional details. No HTTP status here: adapters translate kinds at their boundary.
 */
public class DomainException extends RuntimeException {
  private final String id;
  private final ErrorKind kind;
  private final Map<String, Object> details;

  public DomainException(ErrorKind kind, String id, String message) {
    this(kind, id, message, Map.of(), null);
  }

  public DomainException(ErrorKind kind, String id, String message, Map<String, Object> details) {
    this(kind, id, message, details, null);
  }

  public DomainException(ErrorKind kind, String id, String message, Map<String, Object> details, Throwable cause) {
    super(message, cause);
    this.id = id;
    this.kind = kind;
    this.details = Map.copyOf(details);
  }

  public static DomainException invalid(String id, String message) {
    return new DomainException(ErrorKind.INVALID, id, message);
  }

  public static DomainException notFound(String id, String message) {
    return new DomainException(ErrorKind.NOT_FOUND, id, message);
  }

  public static DomainException conflict(String id, String message) {
    return new DomainException(ErrorKind.CONFLICT, id, message);
  }

  public static DomainException forbidden(String id, String message) {
    return new DomainException(ErrorKind.FORBIDDEN, id, message);
  }

  public static DomainException unavailable(String id, String message, Throwable cause) {
    return new DomainException(ErrorKind.UNAVAILABLE, id, message, Map.of(), cause);
  }

  public String id() {
    return id;
  }

  public ErrorKind kind() {
    return kind;
  }

  public Map<String, Object> details() {
    return details;
  }
}
