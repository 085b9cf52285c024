package org.gridcare.notifications.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * An outbound phone survey, run and seen by the supervisors of {@code line}, over the customers of an {@code area} or
 * over a list of {@code listedCustomers} customers (then {@code area} is null).
 */
public record SurveyCampaign(UUID id, String title, String survey, int line, Area area, int listedCustomers,
    SurveyCampaignState state, CallingWindow window, ZoneId zone, String createdBy, Instant createdAt) {}
