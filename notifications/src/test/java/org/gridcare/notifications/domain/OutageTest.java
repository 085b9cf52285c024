package org.gridcare.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class OutageTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final Area AREA = new Area(Set.of("SS-12"), Set.of("F-7"), Set.of("0150"));
  static final Duration AHEAD = Duration.ofHours(24);

  static Outage planned(Instant start, Instant end) {
    return Outage.planned(UUID.randomUUID(), AREA, "line maintenance", start, end, "user:sup", NOW);
  }

  @Test
  void plannedOutageIsNoticedAheadThenAtItsStart() {
    Outage o = planned(NOW.plus(Duration.ofHours(30)), NOW.plus(Duration.ofHours(34)));
    assertThat(o.due(NOW, AHEAD)).isEmpty();
    assertThat(o.due(NOW.plus(Duration.ofHours(6)), AHEAD)).containsExactly(NotificationKind.PLANNED_NOTICE);
    assertThat(o.due(NOW.plus(Duration.ofHours(30)), AHEAD)).containsExactly(NotificationKind.PLANNED_START);

    Outage.Change started = o.begin(NOW.plus(Duration.ofHours(30)));
    assertThat(started.outage().state()).isEqualTo(OutageState.ACTIVE);
    assertThat(started.notices()).containsExactly(NotificationKind.PLANNED_START);
    assertThat(started.outage().due(NOW.plus(Duration.ofHours(31)), AHEAD)).isEmpty();
  }

  @Test
  void plannedOutageCreatedInsideTheNoticeWindowIsNoticedAtOnce() {
    Outage o = planned(NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(3)));
    assertThat(o.due(NOW, AHEAD)).containsExactly(NotificationKind.PLANNED_NOTICE);
  }

  @Test
  void plannedWindowMustEndAfterItStartsAndNotBeOver() {
    assertThatThrownBy(() -> planned(NOW.plusSeconds(60), NOW.plusSeconds(30)))
        .isInstanceOf(DomainException.class).extracting("id").isEqualTo("bad-outage-window");
    assertThatThrownBy(() -> planned(NOW.minusSeconds(600), NOW.minusSeconds(60)))
        .extracting("id").isEqualTo("bad-outage-window");
  }

  @Test
  void unplannedOutageNotifiesAtOnceAndRestorationSaysPowerIsBack() {
    Outage.Change c = Outage.unplanned(UUID.randomUUID(), AREA, "storm", null, null, "oms", "OMS-1", false, NOW);
    assertThat(c.outage().state()).isEqualTo(OutageState.ACTIVE);
    assertThat(c.outage().start()).isEqualTo(NOW);
    assertThat(c.notices()).containsExactly(NotificationKind.OUTAGE_STARTED);

    Outage.Change restored = c.outage().restore(NOW.plusSeconds(3600));
    assertThat(restored.outage().state()).isEqualTo(OutageState.RESTORED);
    assertThat(restored.outage().restoredAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(restored.notices()).containsExactly(NotificationKind.RESTORED);
    assertThatThrownBy(() -> restored.outage().restore(NOW)).extracting("id").isEqualTo("outage-not-active");
    assertThatThrownBy(() -> restored.outage().reviseEstimate(NOW.plusSeconds(9000), EstimatePolicy.DEFAULT))
        .extracting("id").isEqualTo("outage-closed");
  }

  @Test
  void estimateChangesNotifyOnlyWhenMaterialAgainstWhatCustomersWereTold() {
    Outage o = Outage.unplanned(UUID.randomUUID(), AREA, "storm", NOW, NOW.plus(Duration.ofHours(2)), "oms", null, false, NOW)
        .outage();
    Outage.Change small = o.reviseEstimate(NOW.plus(Duration.ofMinutes(140)), EstimatePolicy.DEFAULT);
    assertThat(small.notices()).isEmpty();
    assertThat(small.outage().estimatedRestoration()).isEqualTo(NOW.plus(Duration.ofMinutes(140)));
    assertThat(small.outage().notifiedEstimate()).isEqualTo(NOW.plus(Duration.ofHours(2)));

    // A second small slip adds up to 30 minutes against what customers heard: now it is worth a message.
    Outage.Change adds = small.outage().reviseEstimate(NOW.plus(Duration.ofMinutes(150)), EstimatePolicy.DEFAULT);
    assertThat(adds.notices()).containsExactly(NotificationKind.ESTIMATE_CHANGED);
    assertThat(adds.outage().notifiedEstimate()).isEqualTo(NOW.plus(Duration.ofMinutes(150)));

    Outage.Change earlier = adds.outage().reviseEstimate(NOW.plus(Duration.ofMinutes(60)), EstimatePolicy.DEFAULT);
    assertThat(earlier.notices()).containsExactly(NotificationKind.ESTIMATE_CHANGED);
  }

  @Test
  void firstEstimateOfAnOutageWithoutOneIsMaterial() {
    Outage o = Outage.unplanned(UUID.randomUUID(), AREA, "storm", NOW, null, "oms", null, false, NOW).outage();
    assertThat(o.reviseEstimate(NOW.plusSeconds(600), EstimatePolicy.DEFAULT).notices())
        .containsExactly(NotificationKind.ESTIMATE_CHANGED);
    assertThatThrownBy(() -> o.reviseEstimate(NOW.minusSeconds(60), EstimatePolicy.DEFAULT))
        .extracting("id").isEqualTo("bad-estimate");
  }

  @Test
  void cancellingAPlannedOutageTellsOnlyThoseWhoHeardOfIt() {
    Outage o = planned(NOW.plus(Duration.ofHours(30)), NOW.plus(Duration.ofHours(34)));
    assertThat(o.cancel(false).notices()).isEmpty();
    assertThat(o.cancel(true).notices()).containsExactly(NotificationKind.CANCELLED);
    assertThat(o.cancel(true).outage().due(NOW.plus(Duration.ofHours(30)), AHEAD)).isEmpty();
  }

  @Test
  void campaignKeysDistinguishEstimatesButNotRepeatedNotices() {
    Outage o = Outage.unplanned(UUID.randomUUID(), AREA, "storm", NOW, NOW.plusSeconds(3600), "oms", null, false, NOW).outage();
    Outage later = o.reviseEstimate(NOW.plusSeconds(9000), EstimatePolicy.DEFAULT).outage();
    assertThat(Campaign.keyOf(NotificationKind.ESTIMATE_CHANGED, o))
        .isNotEqualTo(Campaign.keyOf(NotificationKind.ESTIMATE_CHANGED, later));
    assertThat(Campaign.keyOf(NotificationKind.RESTORED, o)).isEqualTo(Campaign.keyOf(NotificationKind.RESTORED, later));
  }

  @Test
  void areaNeedsSomethingAndMatchesAnyOfItsParts() {
    assertThatThrownBy(() -> new Area(Set.of(" "), null, Set.of())).extracting("id").isEqualTo("empty-area");
    assertThat(AREA.covers(null, "F-7", "9999")).isTrue();
    assertThat(AREA.covers("SS-1", "F-1", "0150")).isTrue();
    assertThat(AREA.covers("SS-1", "F-1", "0151")).isFalse();
    assertThat(List.of(AREA.postcodes())).containsExactly(Set.of("0150"));
  }
}
