package org.gridcare.notifications.domain;

/** Kind of customer. Large consumers and retailers are phoned by a line-1 operator, not messaged. */
public enum Segment {
  HOUSEHOLD, BUSINESS, LARGE_CONSUMER, RETAILER;

  public boolean personalContact() {
    return this == LARGE_CONSUMER || this == RETAILER;
  }
}
