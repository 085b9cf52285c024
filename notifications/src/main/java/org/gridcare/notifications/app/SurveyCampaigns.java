package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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

/**
 * Outbound phone survey campaigns. A supervisor starts one over the customers of a grid area (the CRM's consenting
 * numbers, as for outage notices; each number once) for one of their lines; its calls join the notification call list
 * and the {@link VoiceDialler} makes them inside the calling window while the campaign runs, the {@link SurveyScript}
 * asks the questions. Starting, pausing, resuming and cancelling are journalled and audited (the campaign processes
 * customers' numbers).
 */
public final class SurveyCampaigns {
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
    try {
      window = cmd.windowFrom() == null && cmd.windowTo() == null ? defaultWindow
          : new CallingWindow(cmd.windowFrom() != null ? cmd.windowFrom() : defaultWindow.from(),
              cmd.windowTo() != null ? cmd.windowTo() : defaultWindow.to());
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    SurveyCampaign campaign = new SurveyCampaign(UUID.randomUUID(), cmd.title().strip(), cmd.survey(), cmd.line(),
        cmd.area(), SurveyCampaignState.RUNNING, window, zone, who.username(), clock.instant());
    return recipients.inArea(cmd.area())
        .map(this::numbers)
        .compose(numbers -> {
          if (numbers.isEmpty()) {
            return Future.failedFuture(DomainException.invalid("no-recipients",
                "No customer in the area has a phone number they agreed to be contacted on"));
          }
          return audit.record(AuditEntry.of(who.username(), "survey-campaign.started", "survey-campaign",
                  campaign.id().toString()).details(Map.of("survey", campaign.survey(), "line", campaign.line(),
                  "numbers", numbers.size())))
              .compose(v -> store.create(campaign, numbers));
        })
        .compose(v -> progress(campaign.id(), who));
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
