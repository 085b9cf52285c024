package org.gridcare.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Call recording: where Asterisk writes MixMonitor files ({@code monitor-dir}), the store they move into, the
 * archive, the restore cache archived recordings are played from ({@code archive-cache-dir}, by default the archive
 * directory's name with {@code -cache}; at most {@code archive-cache-mb}), which calls are recorded ({@code rules}, first match wins, default record everything) and retention
 * ({@code retention-by-topic} overrides the default period for a call topic, e.g. hazard calls kept longer) and when a
 * listen must say why ({@code listen-reason}: {@code never}, {@code other-lines} — the recording's line is not one of
 * the listener's own lines —, or {@code always}; default {@code other-lines}).
 */
public record RecordingsConfig(
    String monitorDir, String storeDir, String archiveDir, Boolean consentAnnouncement, List<Rule> rules,
    Duration retention, Duration archiveAfter, Map<String, Duration> retentionByTopic, String archiveCacheDir,
    Integer archiveCacheMb, String listenReason) {
  /** The values {@code listen-reason} accepts. */
  public static final List<String> LISTEN_REASONS = List.of("never", "other-lines", "always");

  public RecordingsConfig {
    monitorDir = monitorDir == null ? "data/monitor" : monitorDir;
    storeDir = storeDir == null ? "data/recordings" : storeDir;
    archiveDir = archiveDir == null ? "data/archive" : archiveDir;
    consentAnnouncement = consentAnnouncement == null || consentAnnouncement;
    rules = rules == null ? List.of() : List.copyOf(rules);
    retention = retention == null ? Duration.ofDays(365) : retention;
    archiveAfter = archiveAfter == null ? Duration.ofDays(90) : archiveAfter;
    retentionByTopic = retentionByTopic == null ? Map.of() : Map.copyOf(retentionByTopic);
    archiveCacheDir = archiveCacheDir == null ? archiveDir + "-cache" : archiveCacheDir;
    archiveCacheMb = archiveCacheMb == null ? 1024 : archiveCacheMb;
    listenReason = listenReason == null ? "other-lines" : listenReason;
  }

  /** With the default {@code listen-reason}. */
  public RecordingsConfig(String monitorDir, String storeDir, String archiveDir, Boolean consentAnnouncement,
      List<Rule> rules, Duration retention, Duration archiveAfter, Map<String, Duration> retentionByTopic,
      String archiveCacheDir, Integer archiveCacheMb) {
    this(monitorDir, storeDir, archiveDir, consentAnnouncement, rules, retention, archiveAfter, retentionByTopic,
        archiveCacheDir, archiveCacheMb, null);
  }

  /** Without the restore cache settings (their defaults). */
  public RecordingsConfig(String monitorDir, String storeDir, String archiveDir, Boolean consentAnnouncement,
      List<Rule> rules, Duration retention, Duration archiveAfter, Map<String, Duration> retentionByTopic) {
    this(monitorDir, storeDir, archiveDir, consentAnnouncement, rules, retention, archiveAfter, retentionByTopic, null,
        null, null);
  }

  public static RecordingsConfig defaults() {
    return new RecordingsConfig(null, null, null, null, null, null, null, null);
  }

  /** A rule matches on any of line / direction (inbound, outbound) / topic; null matches all. */
  public record Rule(Integer line, String direction, String topic, Boolean record) {
    public Rule {
      record = record == null || record;
    }
  }

  void validate(Problems p) {
    for (int i = 0; i < rules.size(); i++) {
      String d = rules.get(i).direction();
      p.check(d == null || d.equals("inbound") || d.equals("outbound"), "recordings.rules[" + i + "].direction",
          "must be inbound or outbound, got " + d);
    }
    p.check(LISTEN_REASONS.contains(listenReason), "recordings.listen-reason",
        "must be one of " + String.join(", ", LISTEN_REASONS) + ", got " + listenReason);
    p.check(archiveCacheMb > 0, "recordings.archive-cache-mb", "must be at least 1, got " + archiveCacheMb);
    p.check(archiveAfter.compareTo(retention) <= 0, "recordings.archive-after", "must not be longer than retention");
    retentionByTopic.forEach((topic, period) -> p.check(archiveAfter.compareTo(period) <= 0,
        "recordings.retention-by-topic." + topic, "must not be shorter than archive-after"));
  }
}
