package org.gridcare.ivr.domain;

import java.time.Instant;

/** A known outage in an area; {@code estimatedRestoration} is null when not yet estimated. */
public record Outage(String id, boolean planned, String cause, Instant start, Instant estimatedRestoration) {}
