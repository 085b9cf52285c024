package org.gridcare.crm.domain;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.gridcare.platform.domain.DomainException;

/**
 * What a ticket is about (PRODUCT.md "ticket topics"), with the support line that owns it unless the configured
 * call topic of the same id says otherwise.
 */
public enum TicketTopic {
  OUTAGE("outage", 1),
  POWER_QUALITY("power-quality", 1),
  HAZARD("hazard", 1),
  METER_READING("meter-reading", 2),
  METER_FAULT("meter-fault", 2),
  BILLING("billing", 2),
  DISCONNECTION("disconnection", 2),
  GRID_CONNECTION("grid-connection", 2),
  CONTRACT_CHANGE("contract-change", 2),
  MOVING("moving", 2),
  COMPLAINT("complaint", 1),
  SUGGESTION("suggestion", 1),
  COMPENSATION("compensation", 2),
  VOICEMAIL_CALLBACK("voicemail-callback", 1),
  MISSED_CALLBACK("missed-callback", 1);

  private final String id;
  private final int defaultLine;

  TicketTopic(String id, int defaultLine) {
    this.id = id;
    this.defaultLine = defaultLine;
  }

  public String id() {
    return id;
  }

  public int defaultLine() {
    return defaultLine;
  }

  public static TicketTopic of(String id) {
    for (TicketTopic t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw DomainException.invalid("unknown-topic", "Unknown ticket topic " + id + "; known: "
        + Arrays.stream(values()).map(TicketTopic::id).collect(Collectors.joining(", ")));
  }
}
