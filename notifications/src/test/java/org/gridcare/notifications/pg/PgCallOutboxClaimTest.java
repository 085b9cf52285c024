package org.gridcare.notifications.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gridcare.notifications.app.OutboxCall;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.CallingWindow;
import org.gridcare.notifications.domain.Channel;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.SurveyCampaign;
import org.gridcare.notifications.domain.SurveyCampaignState;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dialler's claim does not step over the calls of a paused survey campaign. */
@RealServers
class PgCallOutboxClaimTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
  private static Storage storage;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = await(Storage.start(vertx, settings));
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      await(storage.close());
    }
  }

  @Test
  void aLargePausedCampaignIsOutOfTheClaimsIndexAndComesBackOnResume() throws Exception {
    PgSurveyCampaigns store = new PgSurveyCampaigns(storage.pool());
    PgCallOutbox calls = new PgCallOutbox(storage.pool());
    SurveyCampaign big = campaign();
    await(store.create(big, numbers(2_000, "+47229")));
    SurveyCampaign paused = await(store.changeState(big, SurveyCampaignState.PAUSED, "paused", "sup1"));
    SurveyCampaign other = campaign();
    await(store.create(other, numbers(1, "+47919")));
    // pausing wrote new versions of the 2,000 rows; the index entries of the old ones go at the next (auto)vacuum
    await(storage.pool().query("VACUUM (ANALYZE) notify_call").execute());

    JsonArray plan = await(storage.pool().query("EXPLAIN (ANALYZE, FORMAT JSON) "
        + PgCallOutbox.CANDIDATES.replace("$1", "10")).execute()).iterator().next().getJsonArray(0);
    List<JsonObject> scans = new ArrayList<>();
    nodes(plan.getJsonObject(0).getJsonObject("Plan"), scans);
    assertThat(scans).as(plan.encodePrettily()).isNotEmpty().allSatisfy(n -> {
      assertThat(n.getString("Node Type")).isNotEqualTo("Seq Scan");
      assertThat(n.getLong("Actual Rows")).as("rows read from notify_call by %s", n.getString("Index Name"))
          .isLessThanOrEqualTo(1);
    });

    List<OutboxCall> claimed = await(calls.claim(10, Duration.ofMinutes(1)));
    assertThat(claimed).singleElement().satisfies(c -> assertThat(c.campaignId()).isEqualTo(other.id()));

    await(store.changeState(paused, SurveyCampaignState.RUNNING, "resumed", "sup1"));
    assertThat(await(calls.claim(5, Duration.ofMinutes(1)))).hasSize(5)
        .allSatisfy(c -> assertThat(c.campaignId()).isEqualTo(big.id()));
  }

  /** The plan nodes that read notify_call. */
  private static void nodes(JsonObject node, List<JsonObject> out) {
    String index = node.getString("Index Name", "");
    if ("notify_call".equals(node.getString("Relation Name"))
        || node.getString("Node Type").startsWith("Bitmap Index") && index.startsWith("notify_call")) {
      out.add(node);
    }
    JsonArray children = node.getJsonArray("Plans");
    if (children != null) {
      children.forEach(c -> nodes((JsonObject) c, out));
    }
  }

  private static SurveyCampaign campaign() {
    LocalTime now = LocalTime.now(ZONE);
    return new SurveyCampaign(UUID.randomUUID(), "t", "after-outage", 1, Area.ofPostcodes("0485"), 0,
        SurveyCampaignState.RUNNING, new CallingWindow(now.minusHours(1), now.plusHours(1)), ZONE, "sup1",
        Instant.now());
  }

  private static List<Recipient> numbers(int n, String prefix) {
    List<Recipient> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Recipient(prefix + String.format("%05d", i), Channel.VOICE, "c" + i, "en"));
    }
    return out;
  }
}
