package org.gridcare.notifications.app;

import java.time.LocalTime;
import org.gridcare.notifications.domain.Area;

/** A supervisor's request: survey {@code survey} for the customers of {@code area}, filed under {@code line}. */
public record StartSurveyCampaign(String title, String survey, int line, Area area, LocalTime windowFrom,
    LocalTime windowTo) {}
