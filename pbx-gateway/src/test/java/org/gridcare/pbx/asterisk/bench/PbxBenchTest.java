package org.gridcare.pbx.asterisk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI and FastAGI benchmarks measure what they claim: the real capture's events, 200 real sessions. */
class PbxBenchTest {
  static final Path CAPTURE = Path.of("src/test/resources/asterisk-captures/ami-inbound-call.txt");
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theCaptureGivesTheCallsEventFramesByteForByte() throws IOException {
    AmiCapture capture = AmiCapture.read(CAPTURE);
    assertThat(capture.frames()).hasSize(144).allSatisfy(f -> assertThat(f).startsWith("Event: ").endsWith("\r\n\r\n"));
    assertThat(capture.frames()).noneMatch(f -> f.startsWith("Response:") || f.startsWith("Event: FullyBooted"));
    assertThat(capture.frames().get(0)).startsWith("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/caller-0000000d\r\n");
    String marker = new String(capture.markerBytes("42.1"), StandardCharsets.ISO_8859_1);
    assertThat(marker).startsWith("Event: Newchannel\r\n").contains("Event: Hangup\r\n", "Uniqueid: 42.1\r\n")
        .doesNotContain("1795478361.13", "PJSIP/caller-0000000d");
  }

  @Test
  void aTranscriptWithoutTheCallIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path other = Files.writeString(dir.resolve("t.txt"), "[+ 0.1] S->C 7 bytes\n    Event: X\\r\\n\\r\\n\n");
    assertThatThrownBy(() -> AmiCapture.read(other)).hasMessageContaining("not the inbound-call capture");
  }

  @Test
  void amiBenchIngestsEveryReplayedEventThroughTheAdapter() throws Exception {
    JsonObject r = AmiBench.run(vertx, CAPTURE, true);
    assertThat(r.getLong("events")).isEqualTo(200L * 144 + 2);
    assertThat(r.getLong("events_per_s")).isPositive();
    assertThat(r.getLong("raw_events_per_s")).isPositive();
    assertThat(r.getDouble("ratio")).isEqualTo(Math.round(
        (double) r.getLong("events_per_s") / r.getLong("raw_events_per_s") * 10_000) / 10_000.0, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void agiBenchTimesEveryCommandOf200ConcurrentSessions() throws Exception {
    JsonObject r = AgiBench.run(vertx, true);
    assertThat(r.getInteger("sessions")).isEqualTo(200);
    assertThat(r.getDouble("p50_ms")).isNotNegative().isLessThanOrEqualTo(r.getDouble("p99_ms"));
    assertThat(r.getDouble("echo_p50_ms")).isNotNegative().isLessThanOrEqualTo(r.getDouble("echo_p99_ms"));
  }
}
