package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gridcare.notifications.domain.CampaignProgress;
import org.gridcare.notifications.domain.DeliveryState;

/**
 * The SMS outbox in PostgreSQL. Each transition is one transaction with its journal entry. Claiming marks rows
 * SENDING under a lease; a row still SENDING after its lease belonged to a sender that died mid-send ("in doubt").
 */
public interface SmsOutbox {

  /** Claims up to {@code max} due rows for sending (skipping rows other senders hold). */
  Future<List<OutboxSms>> claim(int max, Duration lease);

  /** Rows whose sender died after claiming them (lease expired while SENDING), re-leased to this sender. */
  Future<List<OutboxSms>> claimInDoubt(int max, Duration lease);

  Future<Void> sent(OutboxSms sms, String providerSid);

  /** Back to PENDING, to be tried again at {@code at} (a retryable refusal, or an in-doubt send that never left). */
  Future<Void> retryAt(OutboxSms sms, Instant at, String error);

  Future<Void> failed(OutboxSms sms, String error);

  /** The number is unsubscribed at the provider: this row and every waiting one for the number end OPTED_OUT. */
  Future<Void> optedOut(OutboxSms sms, String error);

  /**
   * Applies a provider status report to the row with this key (or provider sid); empty when no row matches.
   * Returns the row's phone number and new state.
   */
  Future<Optional<StatusApplied>> applyStatus(UUID key, String providerSid, String status, String errorCode);

  Future<Optional<CampaignProgress>> progress(UUID campaignId);

  /** Campaigns of outages still open, or created within {@code within}: what a wallboard follows. */
  Future<List<UUID>> liveCampaigns(java.time.Duration within);

  /** The campaigns of an outage, oldest first. */
  Future<List<UUID>> campaignsOf(UUID outageId);

  record StatusApplied(String phone, String customerId, DeliveryState before, DeliveryState after) {}
}
