package org.gridcare.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench desktop} in miniature: three desktops in Chromium, nine offers, each timed to its card in the DOM. */
@RealServers
class DesktopBenchTest {

  @Test
  void everyOfferIsTimedToItsCardInEachDesktopsDom(StorageSettings storage, @TempDir Path data) throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), "needs Debian's chromium and chromium-driver");
    JsonObject r = DesktopBench.run(TestCentre.repoRoot().resolve("config/contact-centre.yaml"),
        TestCentre.environment(storage, data), new DesktopBench.Settings(3, 9, 3));

    assertThat(r.getInteger("desktops")).isEqualTo(3);
    assertThat(r.getInteger("answered")).isEqualTo(9);
    assertThat(r.getInteger("offers")).isEqualTo(9);
    assertThat(r.getInteger("pops_rendered")).as("a card in the DOM for every offer").isEqualTo(9);
    assertThat(r.getInteger("sse_pops")).as("the baseline saw the same pops").isEqualTo(9);
    assertThat(r.getDouble("pop_p95_ms")).isPositive().isGreaterThanOrEqualTo(r.getDouble("pop_p50_ms"));
    assertThat(r.getDouble("first_render_ms")).isPositive();
    assertThat(r.getDouble("desk_render_ms")).isPositive();
    assertThat(r.getDouble("page_kb")).isBetween(1.0, 200.0);
    assertThat(r.getDouble("page_all_kb")).isGreaterThan(r.getDouble("page_kb"));
  }
}
