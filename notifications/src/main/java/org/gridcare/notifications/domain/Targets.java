package org.gridcare.notifications.domain;

import java.util.List;
import java.util.Map;

/**
 * The result of targeting: who gets a message or a call, which large customers an operator must phone, and how many
 * contacts were left out for each reason.
 */
public record Targets(List<Recipient> recipients, List<Candidate> operatorCalls, Map<Exclusion, Integer> excluded) {
  public enum Exclusion { NO_USABLE_NUMBER, NO_CONSENT, OPTED_OUT, DUPLICATE_NUMBER }

  public Targets {
    recipients = List.copyOf(recipients);
    operatorCalls = List.copyOf(operatorCalls);
    excluded = Map.copyOf(excluded);
  }

  /** These targets with a voice call added for every SMS recipient (each number still called at most once). */
  public Targets alsoCalled() {
    List<Recipient> all = new java.util.ArrayList<>(recipients);
    recipients.stream().filter(r -> r.channel() == Channel.SMS)
        .forEach(r -> all.add(new Recipient(r.phone(), Channel.VOICE, r.customerId(), r.language())));
    return new Targets(all, operatorCalls, excluded);
  }

  public long count(Channel channel) {
    return recipients.stream().filter(r -> r.channel() == channel).count();
  }
}
