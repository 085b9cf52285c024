package org.gridcare.notifications.domain;

/**
 * A refusal from the SMS provider, with what to do about it. Twilio codes: 21610 the recipient replied STOP
 * (never message them again), 21211/21614/21612 invalid, non-mobile or unreachable number (permanent); HTTP 429,
 * 5xx and transport failures (status 0) are worth retrying.
 */
public record ProviderError(int httpStatus, Integer code, String message) {
  public static final int UNSUBSCRIBED = 21610;

  public enum Verdict { RETRY, PERMANENT, OPTED_OUT }

  public static ProviderError transport(String message) {
    return new ProviderError(0, null, message);
  }

  public Verdict verdict() {
    if (code != null && code == UNSUBSCRIBED) {
      return Verdict.OPTED_OUT;
    }
    if (httpStatus == 0 || httpStatus == 429 || httpStatus >= 500) {
      return Verdict.RETRY;
    }
    return Verdict.PERMANENT;
  }

  /** Stable text for the outbox and journal: {@code 21610}, {@code http-429}, {@code transport}. */
  public String reason() {
    return code != null ? String.valueOf(code) : httpStatus == 0 ? "transport" : "http-" + httpStatus;
  }
}
