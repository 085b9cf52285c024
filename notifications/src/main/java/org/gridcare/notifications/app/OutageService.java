package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.Set;
import org.gridcare.notifications.domain.Campaign;
import org.gridcare.notifications.domain.Channel;
import org.gridcare.notifications.domain.EstimatePolicy;
import org.gridcare.notifications.domain.MessageTemplates;
import org.gridcare.notifications.domain.NotificationKind;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.Targeting;
import org.gridcare.notifications.domain.Targets;
import org.gridcare.platform.domain.DomainException;

/**
 * Outages as supervisors and the OMS change them, and the campaigns each change calls for: targets are selected
 * (CRM contacts in the area, minus opt-outs), texts rendered per language, and the change stored together with its
 * campaigns. {@link #noticesDue()} is run periodically for planned outages.
 */
public final class OutageService {
  private final OutageStore store;
  private final Recipients recipients;
  private final OptOuts optOuts;
  private final Targeting targeting;
  private final MessageTemplates templates;
  private final EstimatePolicy estimatePolicy;
  private final Duration noticeAhead;
  private final boolean callWhenUrgent;
  private final Clock clock;

  /**
   * @param callWhenUrgent the start notice of an urgent outage also calls the numbers that get an SMS
   *                       ({@code notifications.voice.urgent})
   */
  public OutageService(OutageStore store, Recipients recipients, OptOuts optOuts, Targeting targeting,
      MessageTemplates templates, EstimatePolicy estimatePolicy, Duration noticeAhead, boolean callWhenUrgent,
      Clock clock) {
    this.store = store;
    this.recipients = recipients;
    this.optOuts = optOuts;
    this.targeting = targeting;
    this.templates = templates;
    this.estimatePolicy = estimatePolicy;
    this.noticeAhead = noticeAhead;
    this.callWhenUrgent = callWhenUrgent;
    this.clock = clock;
  }

  /** An unplanned outage; reported again with the same external reference, the known outage is returned. */
  public Future<Outage> report(ReportOutage cmd) {
    Future<Optional<Outage>> known = cmd.externalRef() == null ? Future.succeededFuture(Optional.empty())
        : store.findByExternalRef(cmd.externalRef());
    return known.compose(existing -> {
      if (existing.isPresent()) {
        return Future.succeededFuture(existing.get());
      }
      Outage.Change change = Outage.unplanned(UUID.randomUUID(), cmd.area(), cmd.cause(), cmd.start(),
          cmd.estimatedRestoration(), cmd.source(), cmd.externalRef(), cmd.urgent(), clock.instant());
      return plans(change).compose(plans -> store.create(change.outage(), plans))
          // Two reports of the same OMS outage at once: the second finds the first one's outage.
          .recover(e -> e instanceof DomainException d && "outage-exists".equals(d.id())
              ? store.findByExternalRef(cmd.externalRef()).map(found -> found.orElseThrow(() -> d))
              : Future.failedFuture(e));
    });
  }

  /** A planned outage; if its notice window has begun already, customers are told at once. */
  public Future<Outage> plan(PlanOutage cmd) {
    Outage o = Outage.planned(UUID.randomUUID(), cmd.area(), cmd.cause(), cmd.start(), cmd.end(), cmd.source(),
        clock.instant());
    return store.create(o, List.of()).compose(created -> noticesFor(created).map(v -> created));
  }

  public Future<Outage> reviseEstimate(UUID id, Instant estimate) {
    return change(id, o -> o.reviseEstimate(estimate, estimatePolicy));
  }

  public Future<Outage> restore(UUID id) {
    return change(id, o -> o.restore(clock.instant()));
  }

  public Future<Outage> cancel(UUID id) {
    return load(id).compose(o -> store.campaignExists(id, NotificationKind.PLANNED_NOTICE.name())
        .compose(noticed -> apply(o.cancel(noticed))));
  }

  public Future<Outage> get(UUID id) {
    return load(id);
  }

  public Future<List<Outage>> open() {
    return store.open();
  }

  /** Open outages covering a supply point (what the IVR announces to a caller). */
  public Future<List<Outage>> affecting(String substation, String feeder, String postcode) {
    return store.open().map(list -> list.stream().filter(o -> o.area().covers(substation, feeder, postcode)).toList());
  }

  /** A caller asked in the IVR to be told when the power is back; they get the restoration message too. */
  public Future<Void> subscribe(UUID outageId, String phone, String language, String customerId) {
    String e164 = targeting.normalise().apply(phone).orElseThrow(() ->
        DomainException.invalid("invalid-phone-number", "Not a usable phone number for a subscription"));
    return load(outageId).compose(o -> o.state().closed()
        ? Future.failedFuture(DomainException.conflict("outage-closed", "Outage " + outageId + " is " + o.state()))
        : store.subscribe(outageId, new Recipient(e164, Channel.SMS, customerId, language == null ? "" : language)));
  }

  /** Sends the advance notices and start notices of planned outages that are due; returns how many were handled. */
  public Future<Integer> noticesDue() {
    return store.plannedDue(clock.instant(), noticeAhead).compose(due -> {
      Future<Void> chain = Future.succeededFuture();
      for (Outage o : due) {
        chain = chain.compose(v -> noticesFor(o).mapEmpty());
      }
      return chain.map(v -> due.size());
    });
  }

  private Future<Void> noticesFor(Outage o) {
    List<NotificationKind> due = o.due(clock.instant(), noticeAhead);
    if (due.contains(NotificationKind.PLANNED_START)) {
      return apply(o.begin(clock.instant())).mapEmpty();
    }
    if (due.contains(NotificationKind.PLANNED_NOTICE)) {
      return store.campaignExists(o.id(), NotificationKind.PLANNED_NOTICE.name()).compose(exists -> exists
          ? Future.succeededFuture()
          : plans(new Outage.Change(o, List.of(NotificationKind.PLANNED_NOTICE)))
              .compose(plans -> store.update(o, plans)).mapEmpty());
    }
    return Future.succeededFuture();
  }

  private Future<Outage> change(UUID id, Function<Outage, Outage.Change> transition) {
    return load(id).compose(o -> apply(transition.apply(o)));
  }

  private Future<Outage> apply(Outage.Change change) {
    return plans(change).compose(plans -> store.update(change.outage(), plans));
  }

  private Future<Outage> load(UUID id) {
    return store.find(id).map(found -> found.orElseThrow(() ->
        DomainException.notFound("no-such-outage", "No outage " + id)));
  }

  private Future<List<CampaignPlan>> plans(Outage.Change change) {
    if (change.notices().isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Outage o = change.outage();
    Future<List<Recipient>> subscribers = change.notices().contains(NotificationKind.RESTORED)
        ? store.subscribers(o.id()) : Future.succeededFuture(List.of());
    // Selecting and rendering for a whole area (100,000 customers) takes seconds: off the event loop.
    return Future.all(recipients.inArea(o.area()), optOuts.all(), subscribers).compose(all -> {
      io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
      return context == null ? Future.succeededFuture(plans(change, all))
          : context.owner().executeBlocking(() -> plans(change, all), false);
    });
  }

  private List<CampaignPlan> plans(Outage.Change change, io.vertx.core.CompositeFuture all) {
    Outage o = change.outage();
    Set<String> optedOut = all.resultAt(1);
    Targets area = targeting.select(all.resultAt(0), optedOut);
    List<CampaignPlan> plans = new ArrayList<>();
    for (NotificationKind kind : change.notices()) {
      Targets targets = kind == NotificationKind.RESTORED
          ? targeting.withSubscribers(area, all.resultAt(2), optedOut)
          // the warning about an urgent outage is also phoned through; its updates go by SMS as usual
          : kind == NotificationKind.OUTAGE_STARTED && o.urgent() && callWhenUrgent ? area.alsoCalled() : area;
      Campaign c = new Campaign(UUID.randomUUID(), o.id(), kind, Campaign.keyOf(kind, o), clock.instant());
      List<CampaignPlan.Message> messages = targets.recipients().stream()
          .map(r -> new CampaignPlan.Message(r, templates.render(kind, r.channel(), r.language(), o))).toList();
      plans.add(new CampaignPlan(c, messages, targets.operatorCalls(), targets.excluded()));
    }
    return plans;
  }
}
