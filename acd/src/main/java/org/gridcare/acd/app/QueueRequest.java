package org.gridcare.acd.app;

import org.gridcare.platform.domain.DomainException;

/**
 * The IVR hands a caller to the ACD: the call and the caller's channel (now in {@code cc-wait}), the chosen topic
 * (which names the line and skill), an optional priority override and CRM boost (large consumers), the customer and
 * ticket if known. {@code line}, {@code priority} and {@code hazard} null: take them from the topic.
 */
public record QueueRequest(
    String callId, String channel, String topic, Integer line, Integer priority, Boolean hazard, int crmBoost,
    String customerId, String ticketId) {

  public QueueRequest {
    if (callId == null || callId.isBlank()) {
      throw DomainException.invalid("missing-call-id", "A queued call needs its call id");
    }
    if (channel == null || channel.isBlank()) {
      throw DomainException.invalid("missing-channel", "A queued call needs the caller's channel");
    }
    if (topic == null || topic.isBlank()) {
      throw DomainException.invalid("missing-topic", "A queued call needs a topic");
    }
    if (crmBoost < 0) {
      throw DomainException.invalid("negative-boost", "The CRM priority boost cannot be negative");
    }
  }

  public static QueueRequest of(String callId, String channel, String topic) {
    return new QueueRequest(callId, channel, topic, null, null, null, 0, null, null);
  }
}
