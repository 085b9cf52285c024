package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.notifications.domain.Recipient;

/**
 * Outages and their campaigns. An outage change and the campaigns it calls for are stored in one transaction, so a
 * crash cannot leave a change whose customers are never told; a campaign whose key exists is skipped.
 */
public interface OutageStore {

  /** Stores a new outage; fails {@code outage-exists} when its external reference is known. */
  Future<Outage> create(Outage outage, List<CampaignPlan> campaigns);

  /** Stores a change made to version {@code outage.version()}; fails {@code outage-changed} if someone was first. */
  Future<Outage> update(Outage outage, List<CampaignPlan> campaigns);

  Future<Optional<Outage>> find(UUID id);

  Future<Optional<Outage>> findByExternalRef(String externalRef);

  /** Scheduled and active outages, newest first. */
  Future<List<Outage>> open();

  /** Planned outages not yet started whose notice window has begun at {@code now}. */
  Future<List<Outage>> plannedDue(Instant now, Duration noticeAhead);

  Future<Boolean> campaignExists(UUID outageId, String key);

  /** A caller asked to hear when the power is back; a repeated request is one subscription. */
  Future<Void> subscribe(UUID outageId, Recipient subscriber);

  Future<List<Recipient>> subscribers(UUID outageId);
}
