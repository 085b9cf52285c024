package org.gridcare.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A support line (seed 003): 1 central operators, 2 branch specialists, 3 technical departments.
 * {@code hours} maps a day ({@code mon}..{@code sun}) to {@code "08:00-20:00"}; absent hours means always open.
 */
public record LineConfig(
    Integer id,
    String name,
    Integer serviceLevelSeconds,
    Double serviceLevelTarget,
    Duration wrapUp,
    Map<String, String> hours,
    List<LocalDate> holidays,
    Alerts alerts) {

  public LineConfig {
    serviceLevelSeconds = serviceLevelSeconds == null ? 20 : serviceLevelSeconds;
    serviceLevelTarget = serviceLevelTarget == null ? 0.8 : serviceLevelTarget;
    wrapUp = wrapUp == null ? Duration.ofSeconds(30) : wrapUp;
    hours = hours == null ? Map.of() : Map.copyOf(hours);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    alerts = alerts == null ? new Alerts(null, null, null) : alerts;
  }

  /** Wallboard thresholds for this line. */
  public record Alerts(Integer maxWaiting, Duration maxLongestWait, Double minServiceLevel) {
    public Alerts {
      maxWaiting = maxWaiting == null ? 10 : maxWaiting;
      maxLongestWait = maxLongestWait == null ? Duration.ofMinutes(2) : maxLongestWait;
      minServiceLevel = minServiceLevel == null ? 0.7 : minServiceLevel;
    }
  }

  /** Opening interval for a day, or null when closed that day; always open when no hours are configured. */
  public OpeningHours openingOn(DayOfWeek day) {
    if (hours.isEmpty()) {
      return new OpeningHours(LocalTime.MIN, LocalTime.MAX);
    }
    String spec = hours.get(day.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT));
    return spec == null || spec.equals("closed") ? null : OpeningHours.parse(spec);
  }

  public record OpeningHours(LocalTime open, LocalTime close) {
    static OpeningHours parse(String spec) {
      String[] parts = spec.split("-");
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected HH:MM-HH:MM or closed, got " + spec);
      }
      return new OpeningHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
    }

    public boolean contains(LocalTime t) {
      return !t.isBefore(open) && (close.equals(LocalTime.MAX) ? true : t.isBefore(close));
    }
  }

  void validate(Problems p, String key) {
    p.required(key + ".id", id);
    p.required(key + ".name", name);
    p.check(serviceLevelSeconds > 0, key + ".service-level-seconds", "must be positive");
    p.check(serviceLevelTarget > 0 && serviceLevelTarget <= 1, key + ".service-level-target", "must be in (0, 1]");
    p.check(!wrapUp.isNegative(), key + ".wrap-up", "must not be negative");
    for (Map.Entry<String, String> e : hours.entrySet()) {
      String k = key + ".hours." + e.getKey();
      if (!List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun").contains(e.getKey())) {
        p.add(k, "unknown day (use mon..sun)");
      } else if (!"closed".equals(e.getValue())) {
        try {
          OpeningHours.parse(e.getValue());
        } catch (RuntimeException ex) {
          p.add(k, "expected HH:MM-HH:MM or closed, got " + e.getValue());
        }
      }
    }
  }
}
