package org.gridcare.acd.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A call waiting for an operator: a caller on hold ({@code channel} set) or a callback that kept the caller's place
 * ({@code callback} true, no channel). {@code priority} is the topic's base priority, {@code crmBoost} what the CRM
 * adds (large consumers); {@code enqueuedAt} is never reset, so a re-offered call keeps its place.
 */
public record WaitingCall(
    String callId, String channel, int line, String topic, String skill, int priority, boolean hazard, int crmBoost,
    String customerId, String ticketId, Instant enqueuedAt, boolean callback) {

  public WaitingCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(skill, "skill");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }

  public Duration waited(Instant now) {
    Duration d = Duration.between(enqueuedAt, now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The caller left the line but keeps their place: they will be called back. */
  public WaitingCall asCallback() {
    return new WaitingCall(callId, null, line, topic, skill, priority, hazard, crmBoost, customerId, ticketId, enqueuedAt, true);
  }

  public WaitingCall withPriority(int newPriority) {
    return new WaitingCall(callId, channel, line, topic, skill, newPriority, hazard, crmBoost, customerId, ticketId, enqueuedAt, callback);
  }

  /** Escalation or transfer: the same call (and ticket) in another queue, waiting since {@code since}. */
  public WaitingCall movedTo(int newLine, String newTopic, String newSkill, int newPriority, Instant since) {
    return new WaitingCall(callId, channel, newLine, newTopic, newSkill, newPriority, hazard, crmBoost, customerId, ticketId, since, callback);
  }

  public WaitingCall withTicket(String ticket) {
    return new WaitingCall(callId, channel, line, topic, skill, priority, hazard, crmBoost, customerId, ticket, enqueuedAt, callback);
  }
}
