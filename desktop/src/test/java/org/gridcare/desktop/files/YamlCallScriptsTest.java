package org.gridcare.desktop.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.gridcare.config.ConfigException;
import org.junit.jupiter.api.Test;

class YamlCallScriptsTest {
  private static final Set<String> TOPICS = Set.of("hazard", "outage", "power-quality", "contacts", "grid-connection",
      "metering", "billing", "services", "escalation");

  @Test
  void theShippedScriptsAreValid() {
    var scripts = YamlCallScripts.load(Path.of("../config/scripts"), TOPICS);
    assertThat(scripts).containsKeys("outage", "hazard", "metering", "grid-connection");
    assertThat(scripts.get("hazard").questions()).allMatch(q -> q.text().containsKey("ru"));
  }

  @Test
  void everyProblemOfEveryFileIsReportedWithFileAndKey() {
    assertThatThrownBy(() -> YamlCallScripts.load(Path.of("src/test/resources/scripts-bad"), TOPICS))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(p -> Path.of(p.file()).getFileName() + " " + p.key())
            .containsExactly("outage.yaml questions[1].type", "storm.yaml questions[0].colour"));
  }

  @Test
  void noDirectoryMeansNoScripts() {
    assertThat(YamlCallScripts.load(Path.of("no-such-dir"), TOPICS)).isEmpty();
  }
}
