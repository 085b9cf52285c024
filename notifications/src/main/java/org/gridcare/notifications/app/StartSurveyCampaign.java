package org.gridcare.notifications.app;

import java.time.LocalTime;
import java.util.List;
import org.gridcare.notifications.domain.Area;

/**
 * A supervisor's request: survey {@code survey} for the customers of {@code area} or for the listed {@code customers}
 * (customer numbers; exactly one of the two), filed under {@code line}.
 */
public record StartSurveyCampaign(String title, String survey, int line, Area area, List<String> customers,
    LocalTime windowFrom, LocalTime windowTo) {

  /** Over the customers of an area. */
  public StartSurveyCampaign(String title, String survey, int line, Area area, LocalTime windowFrom,
      LocalTime windowTo) {
    this(title, survey, line, area, null, windowFrom, windowTo);
  }
}
