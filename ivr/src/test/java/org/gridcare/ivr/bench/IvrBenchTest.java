package org.gridcare.ivr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.ivr.metrics.MicrometerIvrMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class IvrBenchTest {

  @Test
  void measuresLatencyOfEveryDigitAndTtsColdAndCached(Vertx vertx, @TempDir Path dir) throws Exception {
    ContactCentreConfig config = ConfigLoader.load(Path.of("../config/contact-centre.yaml"),
        Map.of("CC_IVR_MENU_FILE", "../config/ivr.yaml"));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    JsonObject result = IvrBench.run(vertx, config, new MicrometerIvrMetrics(meters), dir,
        new IvrBench.Settings(10, 2, 5, 5, 5)).await(60, TimeUnit.SECONDS);

    // Eight answers per call (the silence at the language choice delivers no digit): seven samples per call.
    assertThat(result.getInteger("samples")).isEqualTo(10 * 2 * 7);
    assertThat(result.getDouble("p99_ms")).isGreaterThanOrEqualTo(result.getDouble("p50_ms"));
    assertThat(result.getDouble("p50_ms")).isPositive();
    assertThat(result.getDouble("tts_cached_ms")).isLessThan(result.getDouble("tts_cold_ms"));
    assertThat(result.getString("pbx")).isEqualTo("in-process");
    assertThat(meters.counter("ivr.served", "flow", "store-meter-reading").count()).as("every call completed the reading")
        .isEqualTo(20);
  }
}
