package org.gridcare.crm.domain;

import java.time.Instant;

public record TicketNote(long id, long ticketId, String author, String body, Instant at) {}
