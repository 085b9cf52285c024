package org.gridcare.acd.app;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OverflowDestination;
import org.gridcare.acd.domain.PeakOverflow;
import org.gridcare.acd.domain.Routing;
import org.gridcare.acd.domain.RoutingRules;
import org.gridcare.config.AcdConfig;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.TopicConfig;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;

/** What the ACD reads from the configuration, resolved once: routing rules, timers, lines, topics and staff. */
public record AcdSettings(
    Routing routing, PeakOverflow peakOverflow, Duration ringNoAnswer, Duration callbackOfferAfter,
    Map<Integer, LineConfig> lines, Map<String, TopicConfig> topics, Map<String, Operator> operators,
    PhoneNumbers phoneNumbers, ZoneId zone) {

  public AcdSettings {
    lines = Map.copyOf(lines);
    topics = Map.copyOf(topics);
    operators = Map.copyOf(operators);
  }

  public static AcdSettings from(ContactCentreConfig config) {
    AcdConfig acd = config.acd();
    RoutingRules rules = new RoutingRules(acd.priorityAgingStep(), acd.line1OverflowAfter(),
        acd.proficiencyWidening().stream().map(w -> new RoutingRules.Widening(w.after(), w.minLevel())).toList(),
        acd.peakOverflow().estimatedWaitThreshold());
    PeakOverflow peak = new PeakOverflow(acd.peakOverflow().estimatedWaitThreshold(),
        acd.peakOverflow().destinations().stream()
            .map(d -> new OverflowDestination(d.name(), d.number(), d.lines())).toList());
    Map<Integer, LineConfig> lines = new LinkedHashMap<>();
    config.lines().forEach(l -> lines.put(l.id(), l));
    Map<String, TopicConfig> topics = new LinkedHashMap<>();
    config.topics().forEach(t -> topics.put(t.id(), t));
    Map<String, Operator> operators = new LinkedHashMap<>();
    config.operators().forEach(o -> operators.put(o.id(),
        new Operator(o.id(), o.name(), o.endpoint(), Set.copyOf(o.lines()), o.skills())));
    return new AcdSettings(new Routing(rules), peak, acd.ringNoAnswer(), acd.callbackOfferAfter(), lines, topics,
        operators, new PhoneNumbers(config.locale().phoneRegion()), ZoneId.of(config.locale().timeZone()));
  }

  public Operator operator(String id) {
    return Optional.ofNullable(operators.get(id))
        .orElseThrow(() -> DomainException.notFound("no-such-operator", "No operator " + id));
  }

  public TopicConfig topic(String id) {
    return Optional.ofNullable(topics.get(id))
        .orElseThrow(() -> DomainException.invalid("unknown-topic", "No topic " + id + " (known: " + topics.keySet() + ")"));
  }

  public LineConfig line(int id) {
    return Optional.ofNullable(lines.get(id))
        .orElseThrow(() -> DomainException.invalid("unknown-line", "No line " + id + " (known: " + lines.keySet() + ")"));
  }

  /** Whether the line takes calls at {@code at}: inside its hours for the day, and not a holiday. */
  public boolean open(int line, Instant at) {
    LineConfig l = line(line);
    ZonedDateTime local = at.atZone(zone);
    if (l.holidays().contains(local.toLocalDate())) {
      return false;
    }
    LineConfig.OpeningHours hours = l.openingOn(local.getDayOfWeek());
    return hours != null && hours.contains(local.toLocalTime());
  }

  /** Each line's service-level answer time, for the meters. */
  public Map<Integer, Duration> serviceLevels() {
    Map<Integer, Duration> out = new LinkedHashMap<>();
    lines.forEach((id, l) -> out.put(id, Duration.ofSeconds(l.serviceLevelSeconds())));
    return out;
  }

  public Duration wrapUp(int line) {
    return lines.containsKey(line) ? lines.get(line).wrapUp() : Duration.ZERO;
  }
}
