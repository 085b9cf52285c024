package org.gridcare.acd.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing decision as a pure function of the waiting calls, the operators and the time.
 *
 * <p>Queue order: hazard calls (danger to life) first, then effective priority (base + CRM boost + one point per
 * aging step waited), then longest wait. Each call, in that order, goes to the longest-idle ready operator of its
 * line whose proficiency in the call's skill meets the level the call's wait allows. Line-1 calls that have waited
 * {@link RoutingRules#line1OverflowAfter()} are then offered to idle line-2 operators holding the skill; overflow
 * uses only operators their own line's queue left free, so a line never starves its own callers to help another.
 */
public final class Routing {
  private final RoutingRules rules;

  public Routing(RoutingRules rules) {
    this.rules = rules;
  }

  public RoutingRules rules() {
    return rules;
  }

  public int effectivePriority(WaitingCall call, Instant now) {
    long steps = call.waited(now).toMillis() / rules.priorityAgingStep().toMillis();
    return (int) Math.min(Integer.MAX_VALUE, call.priority() + call.crmBoost() + steps);
  }

  /** Who is served first: hazard, then effective priority, then the longest wait (then call id, for determinism). */
  public Comparator<WaitingCall> queueOrder(Instant now) {
    return Comparator.comparing((WaitingCall c) -> !c.hazard())
        .thenComparing(Comparator.comparingInt((WaitingCall c) -> effectivePriority(c, now)).reversed())
        .thenComparing(WaitingCall::enqueuedAt)
        .thenComparing(WaitingCall::callId);
  }

  public List<WaitingCall> ordered(Collection<WaitingCall> calls, Instant now) {
    // the aged priority is computed once per call, not once per comparison
    record Keyed(WaitingCall call, int priority) {}
    return calls.stream()
        .map(c -> new Keyed(c, effectivePriority(c, now)))
        .sorted(Comparator.comparing((Keyed k) -> !k.call().hazard())
            .thenComparing(Comparator.comparingInt(Keyed::priority).reversed())
            .thenComparing(k -> k.call().enqueuedAt())
            .thenComparing(k -> k.call().callId()))
        .map(Keyed::call)
        .toList();
  }

  /** Longest idle first; ties go to the more proficient operator, then by id. */
  public Comparator<OperatorView> operatorOrder(String skill) {
    return Comparator.comparing((OperatorView o) -> o.status().idleSince(), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Comparator.comparingInt((OperatorView o) -> o.operator().level(skill)).reversed())
        .thenComparing(OperatorView::id);
  }

  /** Whether an operator of the call's own line may take it now (ready, skill at the level the wait allows). */
  public boolean eligibleAtHome(OperatorView op, WaitingCall call, Instant now) {
    return op.status().available() && op.operator().serves(call.line()) && skilled(op, call, now);
  }

  /** Whether an operator of another line may take it now (line-1 overflow to line-2 skill holders). */
  public boolean eligibleByOverflow(OperatorView op, WaitingCall call, Instant now) {
    return call.line() == RoutingRules.OVERFLOW_FROM_LINE
        && call.waited(now).compareTo(rules.line1OverflowAfter()) >= 0
        && op.status().available()
        && !op.operator().serves(call.line())
        && op.operator().serves(RoutingRules.OVERFLOW_TO_LINE)
        && skilled(op, call, now);
  }


  private boolean skilled(OperatorView op, WaitingCall call, Instant now) {
    int level = op.operator().level(call.skill());
    return level > 0 && level >= rules.minLevel(call.waited(now));
  }

  /**
   * Which calls to offer to which operators now. Each operator and each call appears at most once; calls nobody
   * eligible is free for are left waiting.
   */
  public List<Assignment> assign(Collection<WaitingCall> calls, Collection<OperatorView> operators, Instant now) {
    List<WaitingCall> queue = ordered(calls, now);
    List<OperatorView> free = operators.stream().filter(o -> o.status().available()).toList();
    // operators in routing order, sorted once per skill: each call then takes the first eligible one still free
    Map<String, List<OperatorView>> bySkill = new HashMap<>();
    Set<String> takenOperators = new HashSet<>();
    Set<String> servedCalls = new HashSet<>();
    List<Assignment> result = new ArrayList<>();
    for (boolean overflow : new boolean[] {false, true}) {
      for (WaitingCall call : queue) {
        if (takenOperators.size() == free.size()) {
          return result;
        }
        if (servedCalls.contains(call.callId())) {
          continue;
        }
        List<OperatorView> candidates = bySkill.computeIfAbsent(call.skill(),
            skill -> free.stream().filter(o -> o.operator().level(skill) > 0).sorted(operatorOrder(skill)).toList());
        for (OperatorView o : candidates) {
          if (!takenOperators.contains(o.id())
              && (overflow ? eligibleByOverflow(o, call, now) : eligibleAtHome(o, call, now))) {
            takenOperators.add(o.id());
            servedCalls.add(call.callId());
            result.add(new Assignment(call, o, overflow));
            break;
          }
        }
      }
    }
    return result;
  }

  /** How many calls of the same line are ahead of {@code call} in queue order (0 = next). */
  public int position(WaitingCall call, Collection<WaitingCall> calls, Instant now) {
    Comparator<WaitingCall> order = queueOrder(now);
    return (int) calls.stream()
        .filter(c -> c.line() == call.line() && !c.callId().equals(call.callId()))
        .filter(c -> order.compare(c, call) < 0)
        .count();
  }

  /**
   * Expected wait of {@code call} with {@code staffed} operators working its line and skill, {@code free} of them idle,
   * and {@code averageHandle} the line's mean handling time (talk + wrap-up). With exponential handling times (the
   * M/M/N model) the k-th caller in line waits k departures, each arriving at rate N / AHT: so
   * {@code max(0, position + 1 - free) * AHT / N}. Empty when nobody staffs the line: the wait is unbounded.
   */
  public static Optional<Duration> estimatedWait(int position, int staffed, int free, Duration averageHandle) {
    if (staffed <= 0) {
      return Optional.empty();
    }
    long ahead = Math.max(0, position + 1L - free);
    return Optional.of(averageHandle.multipliedBy(ahead).dividedBy(staffed));
  }

  /** The estimate for one call given the whole queue and the operators now. */
  public Optional<Duration> estimatedWait(WaitingCall call, Collection<WaitingCall> calls,
      Collection<OperatorView> operators, Duration averageHandle, Instant now) {
    int staffed = 0;
    int free = 0;
    for (OperatorView o : operators) {
      boolean works = o.status().presence() == Presence.READY && o.operator().serves(call.line())
          && o.operator().level(call.skill()) > 0;
      if (works) {
        staffed++;
        if (o.status().available()) {
          free++;
        }
      }
    }
    return estimatedWait(position(call, calls, now), staffed, free, averageHandle);
  }
}
