package org.gridcare.notifications.app;

import java.util.UUID;
import org.gridcare.pbx.domain.Contexts;

/**
 * One automated call to make (or being made). {@code context}: where the answered call goes, {@code cc-notify} for an
 * outage message, {@code cc-survey-out} for a phone survey ({@link SurveyScript}).
 */
public record OutboxCall(long id, UUID campaignId, String phone, String customerId, String language, String message,
    int attempts, String context) {

  /** A notification call ({@code cc-notify}). */
  public OutboxCall(long id, UUID campaignId, String phone, String customerId, String language, String message,
      int attempts) {
    this(id, campaignId, phone, customerId, language, message, attempts, Contexts.NOTIFY);
  }
}
