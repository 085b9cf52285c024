package org.gridcare.crm.domain;

import org.gridcare.platform.domain.DomainException;

/** Who registered a ticket: an operator during a call, the IVR (reading, fault, voicemail, survey), the ACD. */
public enum TicketSource {
  OPERATOR,
  IVR,
  ACD,
  API;

  public String id() {
    return name().toLowerCase();
  }

  public static TicketSource of(String id) {
    for (TicketSource s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw DomainException.invalid("unknown-source", "Unknown ticket source " + id);
  }
}
