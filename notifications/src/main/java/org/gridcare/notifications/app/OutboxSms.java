package org.gridcare.notifications.app;

import java.time.Instant;
import java.util.UUID;

/** One claimed row of the SMS outbox. {@code key} is its idempotency key (in the status callback URL). */
public record OutboxSms(long id, UUID campaignId, String phone, String customerId, String body, UUID key,
    int attempts, Instant claimedAt) {}
