package org.gridcare.privacy.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridcare.config.RecordingsConfig;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.ProcessingRecords;
import org.gridcare.privacy.domain.Sweep;
import org.gridcare.privacy.yaml.YamlProcessingRecords;
import org.junit.jupiter.api.Test;

/** The run over categories, on fakes: cutoffs from the declared periods, skips, a failure that stops nothing else. */
class RetentionServiceTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  final List<String> calls = new ArrayList<>();
  final List<AuditEntry> audited = new ArrayList<>();

  @Test
  void eachEnforcedCategoryIsSweptAtItsOwnCutoffAndAFailureStopsNothingElse() throws Exception {
    RetentionService service = new RetentionService(records(), new FakeData(), new FakeRecordings(),
        new FakeVoicemail(), new FakeAudit(), Clock.fixed(NOW, ZoneOffset.UTC));

    List<RetentionService.Line> lines = service.run(false, "retention").toCompletionStage().toCompletableFuture().get();

    assertThat(calls).contains("purge call-journal " + NOW.minus(Duration.ofDays(730)),
        "purge survey-answers " + NOW.minus(Duration.ofDays(90)), "recordings " + NOW,
        "voicemail " + NOW.minus(Duration.ofDays(90)), "purge audit " + NOW.minus(Duration.ofDays(1825)));
    assertThat(calls).noneMatch(c -> c.contains("customer-file") || c.contains("opt-outs"));
    RetentionService.Line tickets = line(lines, Category.TICKETS);
    assertThat(tickets.failure()).contains("database away");
    assertThat(line(lines, Category.METER_READINGS).sweep().count()).isEqualTo(2);
    assertThat(audited).singleElement().satisfies(e -> {
      assertThat(e.action()).isEqualTo("retention.applied");
      assertThat(e.details()).containsEntry("tickets", "failed").containsEntry("meter-readings", 2L);
    });
  }

  @Test
  void aDryRunOnlyCountsAndAuditsNothing() throws Exception {
    RetentionService service = new RetentionService(records(), new FakeData(), new FakeRecordings(),
        new FakeVoicemail(), new FakeAudit(), Clock.fixed(NOW, ZoneOffset.UTC));
    service.run(true, "retention").toCompletionStage().toCompletableFuture().get();
    assertThat(calls).allMatch(c -> c.startsWith("expired") || c.startsWith("dry"));
    assertThat(audited).isEmpty();
  }

  private static RetentionService.Line line(List<RetentionService.Line> lines, Category c) {
    return lines.stream().filter(l -> l.policy().category() == c).findFirst().orElseThrow();
  }

  static ProcessingRecords records() throws Exception {
    return YamlProcessingRecords.parse(Files.readString(Path.of("../config/privacy.yaml")), "privacy.yaml",
        new RecordingsConfig(null, null, null, null, null, Duration.ofDays(365), Duration.ofDays(90), Map.of()));
  }

  final class FakeData implements PersonalData {
    @Override
    public Future<Sweep> expired(Category category, Instant cutoff) {
      calls.add("expired " + category.id() + " " + cutoff);
      return Future.succeededFuture(Sweep.none(category));
    }

    @Override
    public Future<Sweep> purge(Category category, Instant cutoff) {
      calls.add("purge " + category.id() + " " + cutoff);
      if (category == Category.TICKETS) {
        return Future.failedFuture(new IllegalStateException("database away"));
      }
      return Future.succeededFuture(new Sweep(category, category == Category.METER_READINGS ? 2 : 0, null));
    }

    @Override
    public Future<Optional<Footprint>> footprint(long customerId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Map<Category, Long>> count(Footprint footprint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> erase(Footprint footprint, Set<Category> categories) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Map<String, Object>> export(Footprint footprint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> hold(long customerId, String actor, String reason, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Boolean> release(long customerId) {
      throw new UnsupportedOperationException();
    }
  }

  final class FakeRecordings implements RecordingFiles {
    @Override
    public Future<Sweep> expired(Instant now) {
      calls.add("dry recordings " + now);
      return Future.succeededFuture(Sweep.none(Category.RECORDINGS));
    }

    @Override
    public Future<Sweep> purgeExpired(Instant now, String actor, String reason) {
      calls.add("recordings " + now);
      return Future.succeededFuture(Sweep.none(Category.RECORDINGS));
    }

    @Override
    public Future<Void> purge(String recordingId, String actor, String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Path> file(String storeKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> hold(String recordingId, boolean hold, String actor, String reason) {
      throw new UnsupportedOperationException();
    }
  }

  final class FakeVoicemail implements VoicemailFiles {
    @Override
    public Future<Sweep> expired(Instant cutoff) {
      calls.add("dry voicemail " + cutoff);
      return Future.succeededFuture(Sweep.none(Category.VOICEMAIL));
    }

    @Override
    public Future<Sweep> purge(Instant cutoff) {
      calls.add("voicemail " + cutoff);
      return Future.succeededFuture(Sweep.none(Category.VOICEMAIL));
    }

    @Override
    public Future<List<Path>> ofCalls(Set<String> callIds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> delete(List<Path> files) {
      throw new UnsupportedOperationException();
    }
  }

  final class FakeAudit implements Audit {
    @Override
    public Future<Void> record(AuditEntry entry) {
      audited.add(entry);
      return Future.succeededFuture();
    }

    @Override
    public Future<Verification> verify() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Purge> purgeBefore(java.time.Instant cutoff) {
      throw new UnsupportedOperationException();
    }
  }
}
