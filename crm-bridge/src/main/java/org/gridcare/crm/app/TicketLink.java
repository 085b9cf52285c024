package org.gridcare.crm.app;

import java.time.Instant;
import org.gridcare.platform.domain.DomainException;

/** A call ({@code kind=call}, ref = call id) or a recording ({@code kind=recording}, ref = recording id) on a ticket. */
public record TicketLink(String kind, String ref, String linkedBy, Instant linkedAt) {
  public TicketLink {
    if (!"call".equals(kind) && !"recording".equals(kind)) {
      throw DomainException.invalid("invalid-link-kind", "A ticket links a call or a recording, not " + kind);
    }
    if (ref == null || ref.isBlank() || ref.length() > 128) {
      throw DomainException.invalid("invalid-link-ref", "A link needs the call or recording id");
    }
  }
}
