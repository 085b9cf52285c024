package org.gridcare.notifications.domain;

import java.util.Objects;

/**
 * A customer contact in an outage area as the CRM gives it: the phone number as stored (raw), the customer's
 * language and whether they agreed to be notified.
 */
public record Candidate(String customerId, String name, String phone, String language, boolean consent,
    Segment segment) {
  public Candidate {
    Objects.requireNonNull(customerId, "customerId");
    segment = segment == null ? Segment.HOUSEHOLD : segment;
  }
}
