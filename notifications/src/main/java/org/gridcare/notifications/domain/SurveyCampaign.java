package org.gridcare.notifications.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** An outbound phone survey over the customers of an area, run and seen by the supervisors of {@code line}. */
public record SurveyCampaign(UUID id, String title, String survey, int line, Area area, SurveyCampaignState state,
    CallingWindow window, ZoneId zone, String createdBy, Instant createdAt) {}
