package org.gridcare.privacy.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigProblem;
import org.gridcare.config.RecordingsConfig;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.DeletionRule;
import org.gridcare.privacy.domain.ProcessingRecords;
import org.gridcare.privacy.domain.RecordMarkdown;
import org.junit.jupiter.api.Test;

/** The shipped config/privacy.yaml loads; each kind of mistake is named with file, key and problem. */
class YamlProcessingRecordsTest {
  static final Path SHIPPED = Path.of("../config/privacy.yaml");
  static final RecordingsConfig RECORDINGS = new RecordingsConfig(null, null, null, null, null, Duration.ofDays(365),
      Duration.ofDays(90), Map.of("hazard", Duration.ofDays(1825)));

  @Test
  void theShippedRecordDeclaresEveryCategory() throws Exception {
    ProcessingRecords r = YamlProcessingRecords.parse(Files.readString(SHIPPED), "privacy.yaml", RECORDINGS);
    assertThat(r.policies()).containsOnlyKeys(Category.values());
    assertThat(r.policy(Category.INTERACTIONS).rule()).isEqualTo(DeletionRule.ANONYMISE);
    assertThat(r.policy(Category.METER_READINGS).keepOnErasure()).isTrue();
    assertThat(r.policy(Category.RECORDINGS).description()).contains("hazard 1825 days");
    assertThat(RecordMarkdown.render(r)).contains("Twilio Inc.", "| `sms-log` |", "Mottak av telefon");
  }

  @Test
  void aMissingCategoryIsNamed() throws Exception {
    String text = Files.readString(SHIPPED).replaceFirst("(?s)  voicemail:\n    description:[^\n]*\n    retention: 90d\n"
        + "    rule: delete\n    on-erasure: erase\n", "");
    assertThat(problems(text)).anySatisfy(p -> {
      assertThat(p.file()).isEqualTo("privacy.yaml");
      assertThat(p.key()).isEqualTo("categories.voicemail");
      assertThat(p.problem()).contains("missing", "retention");
    });
  }

  @Test
  void deletingRowsThatReportsCountIsRefused() throws Exception {
    String text = Files.readString(SHIPPED).replaceFirst("(?s)(  interactions:.*?rule: )anonymise", "$1delete");
    assertThat(problems(text)).anySatisfy(p -> {
      assertThat(p.key()).isEqualTo("categories.interactions.rule");
      assertThat(p.problem()).contains("cannot be enforced", "report totals");
    });
  }

  @Test
  void recordingsRetentionMustBeTheOneTheRecordingsModuleEnforces() throws Exception {
    String text = Files.readString(SHIPPED).replaceFirst("(?s)(  recordings:.*?retention: )365d", "$1200d");
    assertThat(problems(text)).anySatisfy(p -> {
      assertThat(p.key()).isEqualTo("categories.recordings.retention");
      assertThat(p.problem()).contains("recordings.retention", "365 days");
    });
  }

  @Test
  void unknownKeysCategoriesAndActivityReferencesAreNamed() throws Exception {
    String shipped = Files.readString(SHIPPED);
    assertThat(problems(shipped.replace("    on-erasure: keep\n    duty: \"settlement", "    on-erasure: kept\n    duty: \"settlement")))
        .anySatisfy(p -> assertThat(p.key()).isEqualTo("categories.meter-readings.on-erasure"));
    assertThat(problems(shipped.replace("categories: [meter-readings]", "categories: [meter-reads]")))
        .anySatisfy(p -> assertThat(p.problem()).contains("unknown category meter-reads"));
    assertThat(problems(shipped.replace("  callbacks:\n    description:", "  callbacks:\n    colour: red\n    description:")))
        .anySatisfy(p -> {
          assertThat(p.key()).isEqualTo("categories.callbacks.colour");
          assertThat(p.problem()).contains("unknown key");
        });
    assertThat(problems(shipped.replace("    legal-basis: \"GDPR Art. 6(1)(c): metering", "    legal-basiss: \"GDPR Art. 6(1)(c): metering")))
        .anySatisfy(p -> assertThat(p.key()).contains("legal-basiss"));
  }

  private static java.util.List<ConfigProblem> problems(String text) {
    try {
      YamlProcessingRecords.parse(text, "privacy.yaml", RECORDINGS);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("accepted a broken record");
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThatThrownBy(() -> YamlProcessingRecords.parse("", "privacy.yaml", RECORDINGS))
        .isInstanceOf(ConfigException.class).hasMessageContaining("privacy.yaml");
  }
}
