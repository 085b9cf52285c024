package org.gridcare.notifications.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Chooses recipients from the contacts in an outage area. Large consumers and retailers go to the operator call list
 * (once per customer). Everyone else needs consent and a number that normalises; opted-out numbers are skipped; each
 * number is messaged once however many customers share it (a family, a landlord); mobiles get SMS, other numbers a
 * voice call.
 *
 * @param normalise raw number → E.164, empty when unusable
 * @param mobile    whether an E.164 number can receive SMS
 */
public record Targeting(Function<String, Optional<String>> normalise, Predicate<String> mobile, String defaultLanguage,
    Set<String> languages) {

  public Targets select(List<Candidate> candidates, Set<String> optedOut) {
    Map<Targets.Exclusion, Integer> excluded = new EnumMap<>(Targets.Exclusion.class);
    Map<String, Recipient> byPhone = new LinkedHashMap<>();
    Map<String, Candidate> operatorCalls = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      if (c.segment().personalContact()) {
        operatorCalls.putIfAbsent(c.customerId(), c);
        continue;
      }
      Optional<String> phone = normalise.apply(c.phone());
      Targets.Exclusion reason = phone.isEmpty() ? Targets.Exclusion.NO_USABLE_NUMBER
          : !c.consent() ? Targets.Exclusion.NO_CONSENT
          : optedOut.contains(phone.get()) ? Targets.Exclusion.OPTED_OUT
          : byPhone.containsKey(phone.get()) ? Targets.Exclusion.DUPLICATE_NUMBER
          : null;
      if (reason != null) {
        excluded.merge(reason, 1, Integer::sum);
        continue;
      }
      String e164 = phone.get();
      Channel channel = mobile.test(e164) ? Channel.SMS : Channel.VOICE;
      byPhone.put(e164, new Recipient(e164, channel, c.customerId(), language(c.language())));
    }
    return new Targets(new ArrayList<>(byPhone.values()), new ArrayList<>(operatorCalls.values()), excluded);
  }

  private String language(String wanted) {
    return wanted != null && languages.contains(wanted) ? wanted : defaultLanguage;
  }

  /**
   * Adds callers who asked to be told (IVR subscriptions) to {@code targets}: they consented by asking; a number
   * already targeted or opted out is skipped.
   */
  public Targets withSubscribers(Targets targets, List<Recipient> subscribers, Set<String> optedOut) {
    Map<String, Recipient> byPhone = new LinkedHashMap<>();
    targets.recipients().forEach(r -> byPhone.put(r.phone(), r));
    for (Recipient s : subscribers) {
      if (!optedOut.contains(s.phone()) && !byPhone.containsKey(s.phone())) {
        byPhone.put(s.phone(), new Recipient(s.phone(), mobile.test(s.phone()) ? Channel.SMS : Channel.VOICE,
            s.customerId(), language(s.language())));
      }
    }
    return new Targets(new ArrayList<>(byPhone.values()), targets.operatorCalls(), targets.excluded());
  }
}
