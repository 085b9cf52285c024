package org.gridcare.recordings.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class RecordingDomainTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Recording recording(Integer line, String operator, Instant started, Recording.Status status, boolean hold) {
    return recording(line, null, operator, started, status, hold);
  }

  static Recording recording(Integer line, String topic, String operator, Instant started, Recording.Status status,
      boolean hold) {
    return new Recording("00000000-0000-0000-0000-000000000001", "call", started, started.plusSeconds(60),
        Direction.INBOUND, line, topic, operator, "+4791234567", null, "k.wav", "wav", 1000, 60_000, "abc", status, hold,
        List.of());
  }

  @Test
  void theFirstMatchingRuleDecidesAndNoRuleMeansRecord() {
    RecordingRules rules = new RecordingRules(List.of(
        new RecordingRules.Rule(3, null, null, false),
        new RecordingRules.Rule(null, Direction.OUTBOUND, "survey", false),
        new RecordingRules.Rule(null, Direction.OUTBOUND, null, true)));
    assertThat(rules.shouldRecord(new RecordingRules.CallFacts(3, Direction.INBOUND, "outage"))).isFalse();
    assertThat(rules.shouldRecord(new RecordingRules.CallFacts(1, Direction.OUTBOUND, "survey"))).isFalse();
    assertThat(rules.shouldRecord(new RecordingRules.CallFacts(1, Direction.OUTBOUND, null))).isTrue();
    assertThat(rules.shouldRecord(new RecordingRules.CallFacts(null, Direction.INBOUND, null))).isTrue();
    assertThat(new RecordingRules(List.of()).shouldRecord(new RecordingRules.CallFacts(3, Direction.INBOUND, null))).isTrue();
  }

  @Test
  void pauseAndResumeOnlyFromTheRightState() {
    assertThat(RecordingState.RECORDING.pause()).isEqualTo(RecordingState.PAUSED);
    assertThat(RecordingState.PAUSED.resume()).isEqualTo(RecordingState.RECORDING);
    assertThatThrownBy(RecordingState.PAUSED::pause)
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("not-recording"));
    assertThatThrownBy(RecordingState.RECORDING::resume)
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("not-paused"));
  }

  @Test
  void operatorsHearTheirOwnCallsSupervisorsTheirLinesAdminsAll() {
    Recording r = recording(2, "op2001", T0, Recording.Status.STORED, false);
    assertThat(new Viewer("op2001", Set.of("agent"), List.of(2)).mayHear(r)).isTrue();
    assertThat(new Viewer("op2002", Set.of("agent"), List.of(2)).mayHear(r)).isFalse();
    assertThat(new Viewer("sup", Set.of("supervisor"), List.of(2)).mayHear(r)).isTrue();
    assertThat(new Viewer("sup1", Set.of("supervisor"), List.of(1)).mayHear(r)).isFalse();
    assertThat(new Viewer("root", Set.of("admin"), List.of()).mayHear(r)).isTrue();
    assertThat(new Viewer("x", Set.of("reports"), List.of(2)).mayHear(r)).isFalse();
  }

  @Test
  void aQueryIsNarrowedToWhatTheViewerMayHear() {
    RecordingQuery q = RecordingQuery.all(50);
    assertThat(q.restrictTo(new Viewer("op1001", Set.of("agent"), List.of(1))).operator()).isEqualTo("op1001");
    assertThat(q.restrictTo(new Viewer("sup", Set.of("supervisor"), List.of(1, 2))).lines()).containsExactly(1, 2);
    assertThat(q.restrictTo(new Viewer("root", Set.of("admin"), List.of()))).isEqualTo(q);
    RecordingQuery other = new RecordingQuery(null, null, null, null, "op1002", null, null, null, null, null, null, null, 5);
    assertThatThrownBy(() -> other.restrictTo(new Viewer("op1001", Set.of("agent"), List.of(1))))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("recording-forbidden"));
  }

  @ParameterizedTest
  @CsvSource({"'bytes=0-99',0,99", "'bytes=100-',100,999", "'bytes=-200',800,999", "'bytes=990-5000',990,999"})
  void rangesResolveAgainstTheFileSize(String header, long start, long end) {
    ByteRange r = ByteRange.parse(header, 1000).orElseThrow();
    assertThat(r.start()).isEqualTo(start);
    assertThat(r.endInclusive()).isEqualTo(end);
    assertThat(r.contentRange(1000)).isEqualTo("bytes " + start + "-" + end + "/1000");
  }

  @ParameterizedTest
  @CsvSource({"'bytes=1000-'", "'bytes=5-2'", "'bytes=0-1,5-6'", "'items=0-1'", "'bytes=abc'", "'bytes=-0'"})
  void badRangesAreUnsatisfiable(String header) {
    assertThatThrownBy(() -> ByteRange.parse(header, 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void noRangeMeansTheWholeFile() {
    assertThat(ByteRange.parse(null, 10)).isEmpty();
  }

  @Test
  void retentionArchivesThenPurgesAndLegalHoldKeeps() {
    Retention ret = new Retention(Duration.ofDays(90), Duration.ofDays(365));
    Instant now = T0.plus(Duration.ofDays(100));
    assertThat(ret.decide(recording(1, "a", T0, Recording.Status.STORED, false), now)).isEqualTo(Retention.Decision.ARCHIVE);
    assertThat(ret.decide(recording(1, "a", T0, Recording.Status.ARCHIVED, false), now)).isEqualTo(Retention.Decision.KEEP);
    assertThat(ret.decide(recording(1, "a", T0, Recording.Status.ARCHIVED, false), T0.plus(Duration.ofDays(400))))
        .isEqualTo(Retention.Decision.PURGE);
    assertThat(ret.decide(recording(1, "a", T0, Recording.Status.STORED, true), T0.plus(Duration.ofDays(400))))
        .isEqualTo(Retention.Decision.KEEP);
    assertThat(ret.decide(recording(1, "a", now, Recording.Status.STORED, false), now)).isEqualTo(Retention.Decision.KEEP);
    assertThat(ret.decide(recording(1, "a", T0, Recording.Status.RECOVERED, false), now))
        .isEqualTo(Retention.Decision.ARCHIVE);
    assertThat(ret.decide(recording(1, "a", T0, Recording.Status.MISSING, false), now)).isEqualTo(Retention.Decision.KEEP);
  }

  @Test
  void archivedAndRecoveredRecordingsArePlayableMissingAndPurgedOnesAreNot() {
    assertThat(recording(1, "a", T0, Recording.Status.ARCHIVED, false).playable()).isTrue();
    assertThat(recording(1, "a", T0, Recording.Status.RECOVERED, false).playable()).isTrue();
    assertThat(recording(1, "a", T0, Recording.Status.MISSING, false).playable()).isFalse();
    assertThat(recording(1, "a", T0, Recording.Status.PURGED, false).playable()).isFalse();
  }

  @Test
  void aCategoryWithItsOwnRetentionIsKeptLongerOrPurgedSooner() {
    Retention ret = new Retention(Duration.ofDays(90), Duration.ofDays(365),
        java.util.Map.of("complaint", Duration.ofDays(1095), "survey", Duration.ofDays(30)));
    Instant twoYears = T0.plus(Duration.ofDays(730));
    assertThat(ret.decide(recording(1, "complaint", "a", T0, Recording.Status.ARCHIVED, false), twoYears))
        .isEqualTo(Retention.Decision.KEEP);
    assertThat(ret.decide(recording(1, "outage", "a", T0, Recording.Status.ARCHIVED, false), twoYears))
        .isEqualTo(Retention.Decision.PURGE);
    assertThat(ret.decide(recording(1, "survey", "a", T0, Recording.Status.STORED, false), T0.plus(Duration.ofDays(31))))
        .isEqualTo(Retention.Decision.PURGE);
    assertThat(ret.shortestRetention()).isEqualTo(Duration.ofDays(30));
  }

  /** A 16-bit mono 8 kHz WAV header declaring {@code dataBytes} of audio. */
  public static byte[] wavHeader(int dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
        .putShort((short) 2).putShort((short) 16);
    b.putInt(0x61746164).putInt(dataBytes);
    return b.array();
  }

  @Test
  void wavHeaderGivesDurationAndTruncation() {
    WavInfo w = WavInfo.parse(wavHeader(32000)).orElseThrow();
    assertThat(w.durationMs(44 + 32000)).isEqualTo(2000);
    assertThat(w.truncated(44 + 32000)).isFalse();
    assertThat(w.truncated(44 + 16000)).isTrue();
    assertThat(w.durationMs(44 + 16000)).isEqualTo(1000);
    assertThat(WavInfo.parse("not a wave file at all".getBytes())).isEmpty();
  }
}
