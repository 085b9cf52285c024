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

  /**
   * The one number a customer is told on about their own request (their grid-connection application): the first
   * mobile by SMS, else the first other number by a call; {@code numbers} are the customer's own, in the CRM's order.
   * The notice answers the customer's request, so the consent to outage notices is not asked; opted-out numbers are
   * skipped. Nobody is reached when no number is usable and not opted out (the exclusions say why).
   */
  public Targets applicant(List<Candidate> numbers, Set<String> optedOut) {
    Map<Targets.Exclusion, Integer> excluded = new EnumMap<>(Targets.Exclusion.class);
    Recipient sms = null;
    Recipient voice = null;
    for (Candidate c : numbers) {
      Optional<String> phone = normalise.apply(c.phone());
      if (phone.isEmpty() || optedOut.contains(phone.get())) {
        excluded.merge(phone.isEmpty() ? Targets.Exclusion.NO_USABLE_NUMBER : Targets.Exclusion.OPTED_OUT, 1,
            Integer::sum);
      } else if (mobile.test(phone.get())) {
        sms = sms != null ? sms : new Recipient(phone.get(), Channel.SMS, c.customerId(), language(c.language()));
      } else {
        voice = voice != null ? voice : new Recipient(phone.get(), Channel.VOICE, c.customerId(), language(c.language()));
      }
    }
    Recipient chosen = sms != null ? sms : voice;
    if (chosen == null && excluded.isEmpty()) {
      excluded.put(Targets.Exclusion.NO_USABLE_NUMBER, 1); // the customer has no number at all
    }
    return new Targets(chosen == null ? List.of() : List.of(chosen), List.of(), chosen == null ? excluded : Map.of());
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
