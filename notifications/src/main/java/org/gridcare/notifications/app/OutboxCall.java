package org.gridcare.notifications.app;

import java.util.UUID;

/** One automated notification call to make (or being made). */
public record OutboxCall(long id, UUID campaignId, String phone, String customerId, String language, String message,
    int attempts) {}
