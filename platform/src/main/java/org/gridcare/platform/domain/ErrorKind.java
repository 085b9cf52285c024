package org.gridcare.platform.domain;

/** What kind of failure a {@link DomainException} is; the HTTP layer maps kinds to status codes. */
public enum ErrorKind {
  INVALID,
  UNAUTHENTICATED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  UNAVAILABLE,
  TIMEOUT,
  INTERNAL
}
