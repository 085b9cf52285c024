package org.gridcare.acd.bench;

/**
 * Erlang C for an M/M/N queue: {@code agents} servers, offered load {@code erlangs} = arrival rate × mean handling
 * time. Computed through the Erlang B recursion, stable for hundreds of agents.
 */
public record ErlangC(int agents, double erlangs) {
  public ErlangC {
    if (agents <= 0 || erlangs <= 0 || erlangs >= agents) {
      throw new IllegalArgumentException("need 0 < load < agents, got " + erlangs + " on " + agents);
    }
  }

  /** Probability that an arriving caller waits at all. */
  public double probabilityOfWaiting() {
    double b = 1.0;
    for (int k = 1; k <= agents; k++) {
      b = erlangs * b / (k + erlangs * b);
    }
    return agents * b / (agents - erlangs * (1 - b));
  }

  /** Share of callers answered within {@code seconds}, with mean handling time {@code aht} seconds. */
  public double serviceLevel(double seconds, double aht) {
    return 1 - probabilityOfWaiting() * Math.exp(-(agents - erlangs) * seconds / aht);
  }

  /** Average speed of answer (mean wait over all callers), in seconds. */
  public double averageSpeedOfAnswer(double aht) {
    return probabilityOfWaiting() * aht / (agents - erlangs);
  }
}
