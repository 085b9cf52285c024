package org.gridcare.pbx.domain;

/** How an originate ended: answered (with the new channel), or why not. */
public record OriginateResult(Outcome outcome, ChannelId channel, CallId call) {
  public enum Outcome { ANSWERED, NO_ANSWER, BUSY, CONGESTION, FAILED }

  public boolean answered() {
    return outcome == Outcome.ANSWERED;
  }

  public static OriginateResult failed(Outcome outcome) {
    return new OriginateResult(outcome, null, null);
  }
}
