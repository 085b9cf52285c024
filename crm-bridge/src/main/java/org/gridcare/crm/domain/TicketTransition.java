package org.gridcare.crm.domain;

import java.time.Instant;

/** One step of a ticket's history: kept forever, the source of the "state transitions" statistics. */
public record TicketTransition(long ticketId, TicketStatus from, TicketStatus to, String actor, String reason,
    int fromLine, int toLine, Instant at) {}
