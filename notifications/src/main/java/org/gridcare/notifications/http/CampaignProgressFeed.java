package org.gridcare.notifications.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gridcare.notifications.app.SmsOutbox;
import org.gridcare.notifications.domain.CampaignProgress;

/**
 * Publishes the progress of live campaigns on the event bus ({@value #ADDRESS}, the JSON of the campaign API) when
 * it changed, for the wallboard and other live views the server streams to browsers.
 */
public final class CampaignProgressFeed {
  public static final String ADDRESS = "notify.campaign.progress";

  private final Vertx vertx;
  private final SmsOutbox outbox;
  private final Map<UUID, JsonObject> last = new HashMap<>();
  private long timer = -1;
  private boolean polling;

  public CampaignProgressFeed(Vertx vertx, SmsOutbox outbox) {
    this.vertx = vertx;
    this.outbox = outbox;
  }

  public void start(Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), id -> publishChanges());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Publishes every live campaign whose counts changed since the last round; returns how many were published. */
  public Future<Integer> publishChanges() {
    if (polling) {
      return Future.succeededFuture(0);
    }
    polling = true;
    return outbox.liveCampaigns(Duration.ofHours(1))
        .compose(ids -> {
          List<Future<Optional<CampaignProgress>>> all = ids.stream().map(outbox::progress).toList();
          return Future.all(all).map(done -> {
            int published = 0;
            for (Future<Optional<CampaignProgress>> f : all) {
              if (f.result().isPresent()) {
                JsonObject json = HttpNotificationsRoutes.json(f.result().get());
                if (!json.equals(last.put(f.result().get().campaignId(), json))) {
                  vertx.eventBus().publish(ADDRESS, json);
                  published++;
                }
              }
            }
            last.keySet().retainAll(ids);
            return published;
          });
        })
        .eventually(() -> {
          polling = false;
          return Future.succeededFuture();
        });
  }
}
