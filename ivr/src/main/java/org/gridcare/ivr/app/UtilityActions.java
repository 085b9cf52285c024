package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.gridcare.ivr.domain.ApplicationStatus;
import org.gridcare.ivr.domain.CustomerSummary;
import org.gridcare.ivr.domain.IvrEvent;
import org.gridcare.ivr.domain.MenuCatalogue.ActionSpec;
import org.gridcare.ivr.domain.Outage;
import org.gridcare.ivr.domain.ReadingCheck;
import org.gridcare.ivr.domain.Variables;
import org.gridcare.platform.domain.PhoneNumbers;

/**
 * The services a menu's action nodes can call, by name, over the CRM, outage and meter-reading ports. Each declares
 * its outcomes, the variables it reads and sets, and which outcomes complete the caller's request in the IVR.
 */
public final class UtilityActions {
  public static final Map<String, ActionSpec> SPECS = specs();
  /** {@code yes} once the caller opted in to the post-call survey ({@code accept-survey}). */
  static final String SURVEY_ACCEPTED = "survey.accepted";
  /** Set once the outage register answered for the caller's area (whether or not it had an outage). */
  private static final String OUTAGES_CHECKED = "outage.checked";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  /** The menu's phrases the actions word variables with, per language ({@code phrases.<language>.<key>}). */
  static final String PLANNED = "outage-planned";
  static final String UNPLANNED = "outage-unplanned";
  static final String CAUSE_UNKNOWN = "cause-unknown";
  static final String TIME_UNKNOWN = "time-unknown";
  /** A time on another day than today: {@code {time}} (14:30) and {@code {date}} (26 November, in the language). */
  static final String TIME_ON_DAY = "time-on-day";
  static final String NO_NEXT_STEP = "no-next-step";
  /** {@code stage.<stage id>}: an application stage as callers hear it. */
  static final String STAGE = "stage.";
  /** The cause the outage register stores when none was given. */
  private static final String UNKNOWN_CAUSE = "unknown";

  private final CustomerLookup customers;
  private final OutageInfo outages;
  private final MeterReadings readings;
  private final ServiceRequests requests;
  private final PhoneNumbers phones;
  private final ZoneId zone;
  private final Clock clock;
  private final Map<String, Function<IvrCall, Future<String>>> actions = new LinkedHashMap<>();

  public UtilityActions(CustomerLookup customers, OutageInfo outages, MeterReadings readings, ServiceRequests requests,
      PhoneNumbers phones, ZoneId zone, Clock clock) {
    this.customers = customers;
    this.outages = outages;
    this.readings = readings;
    this.requests = requests;
    this.phones = phones;
    this.zone = zone;
    this.clock = clock;
    actions.put("customer-by-phone", this::customerByPhone);
    actions.put("customer-by-number", call -> found(call, customers.byCustomerNumber(call.variable("customer-number"))));
    actions.put("customer-by-gsrn", call -> found(call, customers.byGsrn(call.variable("gsrn"))));
    actions.put("outages-in-area", this::outagesInArea);
    actions.put("subscribe-restoration-sms", this::subscribe);
    actions.put("report-fault", this::reportFault);
    actions.put("check-meter-reading", this::checkReading);
    actions.put("store-meter-reading", this::storeReading);
    actions.put("application-status", this::applicationStatus);
    actions.put("record-survey", this::recordSurvey);
    actions.put("accept-survey", call -> {
      call.variable(SURVEY_ACCEPTED, "yes");
      return Future.succeededFuture("accepted");
    });
    if (!actions.keySet().equals(SPECS.keySet())) {
      throw new IllegalStateException("actions and their specs differ: " + actions.keySet() + " vs " + SPECS.keySet());
    }
  }

  ActionSpec spec(String name) {
    return SPECS.get(name);
  }

  /** Runs the named action; the outcome is one of its spec's outcomes (a failed future means {@code error}). */
  Future<String> run(String name, IvrCall call) {
    Function<IvrCall, Future<String>> action = actions.get(name);
    if (action == null) {
      return Future.failedFuture(new IllegalArgumentException("unknown action " + name));
    }
    return action.apply(call);
  }

  private Future<String> customerByPhone(IvrCall call) {
    if (call.callerNumber() == null) {
      return Future.succeededFuture("none");
    }
    return customers.byPhone(call.callerNumber()).map(found -> {
      if (found.size() == 1) {
        call.identified(found.get(0));
        return "one";
      }
      return found.isEmpty() ? "none" : "many";
    });
  }

  private Future<String> found(IvrCall call, Future<Optional<CustomerSummary>> lookup) {
    return lookup.map(found -> {
      found.ifPresent(call::identified);
      return found.isPresent() ? "found" : "not-found";
    });
  }

  private Future<String> outagesInArea(IvrCall call) {
    String area = call.customer() == null ? null : call.customer().areaId();
    if (area == null) {
      return Future.succeededFuture("unknown-area");
    }
    return outages.activeOutages(area).map(list -> {
      call.variable(OUTAGES_CHECKED, "yes");
      if (list.isEmpty()) {
        return "none";
      }
      Outage o = list.get(0);
      boolean causeKnown = o.cause() != null && !o.cause().isBlank() && !UNKNOWN_CAUSE.equalsIgnoreCase(o.cause());
      call.variable("outage.id", o.id());
      call.variable("outage.kind", phrase(call, o.planned() ? PLANNED : UNPLANNED));
      call.variable("outage.cause", causeKnown ? o.cause() : phrase(call, CAUSE_UNKNOWN));
      call.variable("outage.start", when(call, o.start()));
      call.variable("outage.restoration", o.estimatedRestoration() == null ? phrase(call, TIME_UNKNOWN)
          : when(call, o.estimatedRestoration()));
      return "found";
    });
  }

  private Future<String> subscribe(IvrCall call) {
    String outage = call.variable("outage.id");
    if (outage == null) {
      return Future.failedFuture(new IllegalStateException("no outage announced in this call"));
    }
    if (call.callerNumber() == null || !phones.isMobile(call.callerNumber())) {
      return Future.succeededFuture("not-mobile");
    }
    String customerId = call.customer() == null ? null : call.customer().id();
    return outages.subscribeRestorationSms(outage, call.callerNumber(), customerId).map("subscribed");
  }

  private Future<String> reportFault(IvrCall call) {
    CustomerSummary c = call.customer();
    if (c == null || c.areaId() == null) {
      return Future.succeededFuture("unidentified");
    }
    ServiceRequests.OutagesKnown known = call.variable("outage.id") != null
        ? new ServiceRequests.OutagesKnown.Announced(call.variable("outage.id"), call.variable("outage.cause"))
        : call.variable(OUTAGES_CHECKED) != null ? new ServiceRequests.OutagesKnown.None()
        : new ServiceRequests.OutagesKnown.NotChecked();
    return requests.reportFault(new ServiceRequests.FaultReport(call.callId(), c.id(), c.areaId(), call.callerNumber(),
            known))
        .map(ticket -> {
          call.variable("ticket.number", ticket);
          return "created";
        });
  }

  private Future<String> checkReading(IvrCall call) {
    long kwh = Long.parseLong(call.variable("reading"));
    return readings.history(call.variable("gsrn")).map(history -> {
      if (history.isEmpty()) {
        return "unknown-meter";
      }
      if (history.get().lastReading() != null) {
        call.variable("reading.last", String.valueOf(history.get().lastReading()));
      }
      return ReadingCheck.of(kwh, history.get(), LocalDate.now(clock.withZone(zone))).outcome();
    });
  }

  private Future<String> storeReading(IvrCall call) {
    String customerId = call.customer() == null ? null : call.customer().id();
    return readings.store(new MeterReadings.Reading(call.variable("gsrn"), Long.parseLong(call.variable("reading")),
        call.callId(), customerId, clock.instant())).map("stored");
  }

  private Future<String> applicationStatus(IvrCall call) {
    return requests.applicationStatus(call.variable("application-number")).map((Optional<ApplicationStatus> status) -> {
      status.ifPresent(s -> {
        call.variable("application.stage", phrase(call, STAGE + s.stage()));
        call.variable("application.next-step", phrase(call, s.nextStep() == null ? NO_NEXT_STEP : STAGE + s.nextStep()));
      });
      return status.isPresent() ? "found" : "not-found";
    });
  }

  /**
   * Records the satisfaction score the caller typed (1..5) with the line and operator of the conversation in the
   * journal, which the reports read.
   */
  private Future<String> recordSurvey(IvrCall call) {
    int score = Integer.parseInt(call.variable("survey.score"));
    if (score < 1 || score > 5) {
      return Future.succeededFuture("out-of-range");
    }
    return call.store(new IvrEvent.SurveyAnswered(call.callId(), score, call.customerId(), call.line(),
        call.operatorId(), clock.instant()))
        .map("recorded");
  }

  /**
   * "14:30" today; another day the language's {@code time-on-day} phrase ("14:30 on 26 November", "26 ноября в
   * 14:30"), in the centre's time zone.
   */
  private String when(IvrCall call, Instant t) {
    ZonedDateTime at = t.atZone(zone);
    if (at.toLocalDate().equals(LocalDate.now(clock.withZone(zone)))) {
      return TIME.format(at);
    }
    String date = DateTimeFormatter.ofPattern("d MMMM", Locale.forLanguageTag(call.language())).format(at);
    return Variables.fill(phrase(call, TIME_ON_DAY), Map.of("time", TIME.format(at), "date", date));
  }

  /**
   * The menu's phrase in the caller's language. Validation guarantees the phrases an action declares; a key made
   * from data (an application stage the menu does not word) fails the action, which then takes its error exit.
   */
  private static String phrase(IvrCall call, String key) {
    return call.menu().phrase(call.language(), key).orElseThrow(() -> new IllegalStateException(
        "the menu has no phrase " + key + " in " + call.language()));
  }

  private static Map<String, ActionSpec> specs() {
    Set<String> customer = Set.of("customer.name", "customer.number");
    Map<String, ActionSpec> m = new LinkedHashMap<>();
    m.put("customer-by-phone", new ActionSpec(Set.of("one", "none", "many"), Set.of(), customer));
    m.put("customer-by-number", new ActionSpec(Set.of("found", "not-found"), Set.of("customer-number"), customer));
    m.put("customer-by-gsrn", new ActionSpec(Set.of("found", "not-found"), Set.of("gsrn"), customer));
    m.put("outages-in-area", new ActionSpec(Set.of("found", "none", "unknown-area"), Set.of(),
        Set.of("outage.kind", "outage.cause", "outage.start", "outage.restoration"), Set.of("found"),
        Set.of(PLANNED, UNPLANNED, CAUSE_UNKNOWN, TIME_UNKNOWN, TIME_ON_DAY)));
    m.put("subscribe-restoration-sms", new ActionSpec(Set.of("subscribed", "not-mobile"), Set.of(), Set.of(),
        Set.of("subscribed")));
    m.put("report-fault", new ActionSpec(Set.of("created", "unidentified"), Set.of(), Set.of("ticket.number"),
        Set.of("created")));
    m.put("check-meter-reading", new ActionSpec(Set.of("plausible", "below-last", "too-high", "unknown-meter"),
        Set.of("gsrn", "reading"), Set.of("reading.last")));
    m.put("store-meter-reading", new ActionSpec(Set.of("stored"), Set.of("gsrn", "reading"), Set.of(), Set.of("stored")));
    m.put("application-status", new ActionSpec(Set.of("found", "not-found"), Set.of("application-number"),
        Set.of("application.stage", "application.next-step"), Set.of("found"), Set.of(NO_NEXT_STEP)));
    m.put("record-survey", new ActionSpec(Set.of("recorded", "out-of-range"), Set.of("survey.score"), Set.of(),
        Set.of("recorded")));
    m.put("accept-survey", new ActionSpec(Set.of("accepted"), Set.of(), Set.of(SURVEY_ACCEPTED)));
    return java.util.Collections.unmodifiableMap(m);
  }
}
