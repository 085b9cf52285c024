package org.gridcare.notifications.domain;

/**
 * A refusal from the SMS provider, with what to do about it. Twilio codes: 21610 the recipient replied STOP
 * (never message them again), 21211/21614/21612 invalid, non-mobile or unreachable number (permanent); HTTP 429,
 * 5xx and failures to reach the provider (status 0) are worth retrying. A request that was sent but got no answer
 * (status -1, a read timeout) is in doubt: the provider may have sent the message, so it is looked up, not resent.
 */
public record ProviderError(int httpStatus, Integer code, String message) {
  public static final int UNSUBSCRIBED = 21610;
  static final int UNANSWERED = -1;

  public enum Verdict { RETRY, PERMANENT, OPTED_OUT, IN_DOUBT }

  /** The provider could not be reached: nothing was sent. */
  public static ProviderError transport(String message) {
    return new ProviderError(0, null, message);
  }

  /** The request went out but no answer came back. */
  public static ProviderError unanswered(String message) {
    return new ProviderError(UNANSWERED, null, message);
  }

  public Verdict verdict() {
    if (httpStatus == UNANSWERED) {
      return Verdict.IN_DOUBT;
    }
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
    return code != null ? String.valueOf(code) : httpStatus == 0 ? "transport"
        : httpStatus == UNANSWERED ? "unanswered" : "http-" + httpStatus;
  }
}
