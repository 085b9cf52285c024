package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.gridcare.notifications.domain.CallingWindow;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Channel;
import org.gridcare.notifications.domain.PhoneSurvey;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.SurveyCampaign;
import org.gridcare.notifications.domain.SurveyCampaignState;
import org.gridcare.notifications.domain.SurveyProgress;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;

/**
 * Outbound phone survey campaigns. A supervisor starts one over the customers of a grid area or over a list of
 * customer numbers (the CRM's consenting numbers, as for outage notices; each number once) for one of their lines;
 * its calls join the notification call list and the {@link VoiceDialler} makes them inside the calling window while
 * the campaign runs, the {@link SurveyScript} asks the questions. Starting, pausing, resuming and cancelling are
 * journalled and audited (the campaign processes customers' numbers).
 */
public final class SurveyCampaigns {
  /** The most customers one listed campaign may name. */
  public static final int MAX_CUSTOMERS = 10_000;
  private static final Pattern CUSTOMER_NUMBER = Pattern.compile("C[0-9]{6,9}");
  private final SurveyCampaignStore store;
  private final Recipients recipients;
  private final Function<String, Optional<String>> normalise;
  private final Map<String, PhoneSurvey> surveys;
  private final CallingWindow defaultWindow;
  private final ZoneId zone;
  private final String defaultLanguage;
  private final Set<String> languages;
  private final Set<Integer> lines;
  private final Audit audit;
  private final Clock clock;

  /**
   * @param normalise a raw number to E.164, empty when unusable
   * @param lines     the configured lines (a campaign belongs to one)
   */
  public SurveyCampaigns(SurveyCampaignStore store, Recipients recipients, Function<String, Optional<String>> normalise,
      Map<String, PhoneSurvey> surveys, CallingWindow defaultWindow, ZoneId zone, String defaultLanguage,
      Set<String> languages, Set<Integer> lines, Audit audit, Clock clock) {
    this.store = store;
    this.recipients = recipients;
    this.normalise = normalise;
    this.surveys = Map.copyOf(surveys);
    this.defaultWindow = defaultWindow;
    this.zone = zone;
    this.defaultLanguage = defaultLanguage;
    this.languages = Set.copyOf(languages);
    this.lines = Set.copyOf(lines);
    this.audit = audit;
    this.clock = clock;
  }

  /** The configured surveys, by id. */
  public Map<String, PhoneSurvey> surveys() {
    return surveys;
  }

  public Optional<PhoneSurvey> survey(String id) {
    return Optional.ofNullable(surveys.get(id));
  }

  public Future<SurveyProgress> start(StartSurveyCampaign cmd, Supervisor who) {
    if (!surveys.containsKey(cmd.survey())) {
      return Future.failedFuture(DomainException.invalid("unknown-survey", "Unknown survey " + cmd.survey()
          + " (configured: " + String.join(", ", surveys.keySet()) + ")"));
    }
    if (!lines.contains(cmd.line())) {
      return Future.failedFuture(DomainException.invalid("unknown-line", "There is no line " + cmd.line()));
    }
    if (!who.sees(cmd.line())) {
      return Future.failedFuture(DomainException.forbidden("line-out-of-scope",
          "Line " + cmd.line() + " is not one of your lines"));
    }
    if (cmd.title() == null || cmd.title().isBlank()) {
      return Future.failedFuture(DomainException.invalid("missing-title", "A campaign needs a title"));
    }
    CallingWindow window;
    Set<String> listed;
    try {
      window = cmd.windowFrom() == null && cmd.windowTo() == null ? defaultWindow
          : new CallingWindow(cmd.windowFrom() != null ? cmd.windowFrom() : defaultWindow.from(),
              cmd.windowTo() != null ? cmd.windowTo() : defaultWindow.to());
      listed = customerNumbers(cmd);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    SurveyCampaign campaign = new SurveyCampaign(UUID.randomUUID(), cmd.title().strip(), cmd.survey(), cmd.line(),
        cmd.area(), listed == null ? 0 : listed.size(), SurveyCampaignState.RUNNING, window, zone, who.username(),
        clock.instant());
    Future<List<Candidate>> candidates = listed == null ? recipients.inArea(cmd.area())
        : recipients.ofCustomers(listed).map(found -> {
          List<String> unknown = listed.stream().filter(n -> !found.containsKey(n)).toList();
          if (!unknown.isEmpty()) {
            throw new DomainException(ErrorKind.INVALID, "unknown-customers", "No such customer: " + named(unknown),
                Map.of("customers", unknown.size() > 100 ? unknown.subList(0, 100) : unknown));
          }
          return listed.stream().flatMap(n -> found.get(n).stream()).toList();
        });
    return candidates
        .map(this::numbers)
        .compose(numbers -> {
          if (numbers.isEmpty()) {
            return Future.failedFuture(DomainException.invalid("no-recipients", (listed == null
                ? "No customer in the area" : "None of the listed customers")
                + " has a phone number they agreed to be contacted on"));
          }
          Map<String, Object> details = new LinkedHashMap<>(Map.of("survey", campaign.survey(), "line",
              campaign.line(), "numbers", numbers.size()));
          if (listed != null) {
            details.put("customers", listed.size());
          }
          return audit.record(AuditEntry.of(who.username(), "survey-campaign.started", "survey-campaign",
                  campaign.id().toString()).details(details))
              .compose(v -> store.create(campaign, numbers));
        })
        .compose(v -> progress(campaign.id(), who));
  }

  /**
   * The listed customer numbers (trimmed, upper case, each once), null for a campaign over an area; exactly one of
   * the two, at most {@link #MAX_CUSTOMERS} numbers, every one of the CRM's form (C and 6 to 9 digits).
   */
  private static Set<String> customerNumbers(StartSurveyCampaign cmd) {
    if ((cmd.area() == null) == (cmd.customers() == null)) {
      throw DomainException.invalid("area-or-customers",
          "A campaign is over either an area or a list of customer numbers (one of the two)");
    }
    if (cmd.customers() == null) {
      return null;
    }
    Set<String> numbers = new LinkedHashSet<>();
    List<String> bad = new ArrayList<>();
    for (String raw : cmd.customers()) {
      String n = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
      if (CUSTOMER_NUMBER.matcher(n).matches()) {
        numbers.add(n);
      } else {
        bad.add(raw == null ? "null" : raw);
      }
    }
    if (!bad.isEmpty()) {
      throw new DomainException(ErrorKind.INVALID, "bad-customer-numbers", "Not a customer number (C and 6 to 9 "
          + "digits): " + named(bad), Map.of("customers", bad.size() > 100 ? bad.subList(0, 100) : bad));
    }
    if (numbers.isEmpty()) {
      throw DomainException.invalid("no-customers", "The customer list is empty");
    }
    if (numbers.size() > MAX_CUSTOMERS) {
      throw DomainException.invalid("too-many-customers", "At most " + MAX_CUSTOMERS + " customers per campaign ("
          + numbers.size() + " listed)");
    }
    return numbers;
  }

  /** The first few of a list for a message, with how many more. */
  private static String named(List<String> values) {
    return String.join(", ", values.subList(0, Math.min(values.size(), 20)))
        + (values.size() > 20 ? " and " + (values.size() - 20) + " more" : "");
  }

  /** Consenting numbers that normalise, each once, in the customer's language when the centre speaks it. */
  private List<Recipient> numbers(List<Candidate> candidates) {
    Map<String, Recipient> byPhone = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      if (!c.consent() || c.phone() == null) {
        continue;
      }
      normalise.apply(c.phone()).ifPresent(phone -> byPhone.putIfAbsent(phone, new Recipient(phone, Channel.VOICE,
          c.customerId(), c.language() != null && languages.contains(c.language()) ? c.language() : defaultLanguage)));
    }
    return new ArrayList<>(byPhone.values());
  }

  public Future<List<SurveyProgress>> list(Supervisor who) {
    return store.list(who.scope()).compose(campaigns -> {
      List<Future<Optional<SurveyProgress>>> all = campaigns.stream().map(c -> store.progress(c.id())).toList();
      return Future.all(all).map(done -> all.stream().flatMap(f -> f.result().stream()).toList());
    });
  }

  public Future<SurveyProgress> progress(UUID id, Supervisor who) {
    return visible(id, who).compose(c -> store.progress(id)).map(Optional::orElseThrow);
  }

  /** {@code pause}, {@code resume} or {@code cancel}. */
  public Future<SurveyProgress> control(UUID id, String action, Supervisor who) {
    return visible(id, who)
        .compose(c -> {
          SurveyCampaignState next = c.state().after(action);
          return audit.record(AuditEntry.of(who.username(), "survey-campaign." + past(action), "survey-campaign",
                  id.toString()))
              .compose(v -> store.changeState(c, next, past(action), who.username()));
        })
        .compose(c -> progress(id, who));
  }

  private static String past(String action) {
    return switch (action) {
      case "pause" -> "paused";
      case "resume" -> "resumed";
      default -> "cancelled";
    };
  }

  /** The campaign, 404 also when it is on a line outside the supervisor's (its existence is not disclosed). */
  private Future<SurveyCampaign> visible(UUID id, Supervisor who) {
    return store.get(id).map(c -> c.filter(found -> who.sees(found.line())).orElseThrow(() ->
        DomainException.notFound("no-such-survey-campaign", "No survey campaign " + id)));
  }
}
