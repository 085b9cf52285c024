package org.gridcare.notifications.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.MessageTemplates;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.StageChange;
import org.gridcare.notifications.domain.Targeting;
import org.gridcare.notifications.domain.Targets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells customers that their grid-connection application moved on. Each round takes the CRM's journalled stage
 * changes that have no notice yet, picks the customer's number ({@link Targeting#applicant}: a mobile gets an SMS,
 * else a call), renders the {@code application-stage} template and stores every notice into the same SMS outbox and
 * call list the outage notices use, in one transaction with the relay's cursor. A round that fails (the CRM or the
 * database away) stores nothing and the next one takes the same changes again; any number of relays (instances) may
 * run, a change is told once.
 */
public final class ApplicationNoticeRelay {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationNoticeRelay.class);
  private static final int BATCH = 100;

  private final Vertx vertx;
  private final ApplicationNoticeStore store;
  private final Applicants applicants;
  private final OptOuts optOuts;
  private final Targeting targeting;
  private final MessageTemplates templates;
  private boolean relaying;
  private long timer = -1;

  public ApplicationNoticeRelay(Vertx vertx, ApplicationNoticeStore store, Applicants applicants, OptOuts optOuts,
      Targeting targeting, MessageTemplates templates) {
    this.vertx = vertx;
    this.store = store;
    this.applicants = applicants;
    this.optOuts = optOuts;
    this.targeting = targeting;
    this.templates = templates;
  }

  public void start(Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), id -> relay()
        .onFailure(e -> LOG.warn("application stage notices not relayed: {}", e.toString())));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One round; returns how many new notices were stored (0 while the previous round still runs). */
  public Future<Integer> relay() {
    if (relaying) {
      return Future.succeededFuture(0);
    }
    relaying = true;
    return store.pending(BATCH)
        .compose(changes -> changes.isEmpty() ? Future.succeededFuture(0)
            : optOuts.all().compose(optedOut -> notices(changes, optedOut))
                .compose(notices -> store.store(changes, notices)))
        .eventually(() -> {
          relaying = false;
          return Future.succeededFuture();
        });
  }

  private Future<List<ApplicationNotice>> notices(List<StageChange> changes, Set<String> optedOut) {
    List<Future<ApplicationNotice>> all = changes.stream().map(c -> notice(c, optedOut)).toList();
    return Future.all(all).map(done -> all.stream().map(Future::result).toList());
  }

  private Future<ApplicationNotice> notice(StageChange change, Set<String> optedOut) {
    Future<List<Candidate>> numbers = change.customerId() == null
        ? Future.succeededFuture(List.of()) : applicants.numbers(change.customerId());
    return numbers.map(found -> {
      Targets targets = targeting.applicant(found, optedOut);
      if (targets.recipients().isEmpty()) {
        return new ApplicationNotice(change, null, null, targets.excluded());
      }
      Recipient r = targets.recipients().get(0);
      String text = templates.renderApplicationStage(r.channel(), r.language(), change.application(), change.stage());
      return new ApplicationNotice(change, r, text, targets.excluded());
    });
  }
}
