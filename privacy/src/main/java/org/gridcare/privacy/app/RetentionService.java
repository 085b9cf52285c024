package org.gridcare.privacy.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.ProcessingRecords;
import org.gridcare.privacy.domain.RetentionPolicy;
import org.gridcare.privacy.domain.Sweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces every category's retention as declared in the processing records, one category after the other: a dry
 * run reports what would go (count, oldest) and changes nothing; a real run removes it and audits the counts.
 * Categories kept until requested, or on hold, are skipped. Recordings go through the recordings module's own
 * retention (its per-topic periods, its purge and audit).
 */
public final class RetentionService {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);
  private final ProcessingRecords records;
  private final PersonalData data;
  private final RecordingFiles recordings;
  private final VoicemailFiles voicemail;
  private final Audit audit;
  private final Clock clock;

  public RetentionService(ProcessingRecords records, PersonalData data, RecordingFiles recordings,
      VoicemailFiles voicemail, Audit audit, Clock clock) {
    this.records = records;
    this.data = data;
    this.recordings = recordings;
    this.voicemail = voicemail;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * One line of a run: the category's policy and what was (or would be) removed; empty sweep when skipped.
   * {@code failure} is set when the category could not be handled (the others still run; its next run retries).
   */
  public record Line(RetentionPolicy policy, Optional<Instant> cutoff, Sweep sweep, String failure) {}

  public Future<List<Line>> run(boolean dryRun, String actor) {
    Instant now = clock.instant();
    List<Line> lines = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Category c : Category.values()) {
      RetentionPolicy p = records.policy(c);
      Optional<Instant> cutoff = p.cutoff(now);
      chain = chain.compose(v -> (cutoff.isEmpty() ? Future.succeededFuture(Sweep.none(c))
              : dryRun ? expired(c, now, cutoff.get()) : purge(c, now, cutoff.get(), actor))
          .map(sweep -> new Line(p, cutoff, sweep, null))
          .recover(e -> {
            LOG.warn("Retention of {} failed: {}", c.id(), e.toString());
            return Future.succeededFuture(new Line(p, cutoff, Sweep.none(c), String.valueOf(e.getMessage())));
          })
          .map(line -> {
            lines.add(line);
            return null;
          }));
    }
    return chain.compose(v -> dryRun ? Future.succeededFuture(lines) : audited(lines, actor).map(lines));
  }

  private Future<Sweep> expired(Category c, Instant now, Instant cutoff) {
    return switch (c) {
      case RECORDINGS -> recordings.expired(now);
      case VOICEMAIL -> voicemail.expired(cutoff);
      default -> data.expired(c, cutoff);
    };
  }

  private Future<Sweep> purge(Category c, Instant now, Instant cutoff, String actor) {
    return switch (c) {
      case RECORDINGS -> recordings.purgeExpired(now, actor, "retention (config/privacy.yaml)");
      case VOICEMAIL -> voicemail.purge(cutoff);
      default -> data.purge(c, cutoff);
    };
  }

  private Future<Void> audited(List<Line> lines, String actor) {
    Map<String, Object> counts = new LinkedHashMap<>();
    lines.stream().filter(l -> l.sweep().count() > 0).forEach(l -> counts.put(l.policy().category().id(), l.sweep().count()));
    lines.stream().filter(l -> l.failure() != null).forEach(l -> counts.put(l.policy().category().id(), "failed"));
    return audit.record(new AuditEntry(clock.instant(), actor, "retention.applied", "retention", null,
        "retention periods of config/privacy.yaml", counts));
  }
}
