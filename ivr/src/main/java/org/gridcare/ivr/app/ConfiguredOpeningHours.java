package org.gridcare.ivr.app;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.gridcare.config.LineConfig;

/** Opening hours and holidays of the lines as configured, in the centre's time zone. Unknown lines count as open. */
public final class ConfiguredOpeningHours implements OpeningHours {
  private final List<LineConfig> lines;
  private final ZoneId zone;
  private final Clock clock;

  public ConfiguredOpeningHours(List<LineConfig> lines, ZoneId zone, Clock clock) {
    this.lines = List.copyOf(lines);
    this.zone = zone;
    this.clock = clock;
  }

  @Override
  public boolean isOpen(int line) {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    return lines.stream().filter(l -> l.id() == line).findFirst().map(l -> {
      if (l.holidays().contains(now.toLocalDate())) {
        return false;
      }
      LineConfig.OpeningHours hours = l.openingOn(now.getDayOfWeek());
      return hours != null && hours.contains(now.toLocalTime());
    }).orElse(true);
  }
}
