package org.gridcare.notifications.app;

import java.util.List;
import java.util.Map;
import org.gridcare.notifications.domain.Campaign;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.Targets;

/** A campaign ready to store: each recipient with the text they get, the operator call list, the exclusion counts. */
public record CampaignPlan(Campaign campaign, List<Message> messages, List<Candidate> operatorCalls,
    Map<Targets.Exclusion, Integer> excluded) {

  public record Message(Recipient recipient, String text) {}

  public CampaignPlan {
    messages = List.copyOf(messages);
    operatorCalls = List.copyOf(operatorCalls);
    excluded = Map.copyOf(excluded);
  }
}
