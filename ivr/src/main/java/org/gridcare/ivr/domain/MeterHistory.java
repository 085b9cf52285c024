package org.gridcare.ivr.domain;

import java.time.LocalDate;

/**
 * A metering point's last accepted reading (kWh; null with {@code lastReadOn} when it has none yet) and its expected
 * yearly consumption, for the plausibility check.
 */
public record MeterHistory(String gsrn, Long lastReading, LocalDate lastReadOn, long expectedKwhPerYear) {}
