package org.gridcare.notifications.domain;

import java.util.Map;
import java.util.UUID;

/** Counts of one campaign for the wallboard and the CLI. */
public record CampaignProgress(UUID campaignId, UUID outageId, NotificationKind kind, Map<DeliveryState, Long> sms,
    Map<String, Long> calls, int operatorCalls) {
  public CampaignProgress {
    sms = Map.copyOf(sms);
    calls = Map.copyOf(calls);
  }

  public long smsTotal() {
    return sms.values().stream().mapToLong(Long::longValue).sum();
  }

  public long smsDone() {
    return sms.entrySet().stream().filter(e -> e.getKey().terminal() || e.getKey() == DeliveryState.SENT)
        .mapToLong(Map.Entry::getValue).sum();
  }
}
