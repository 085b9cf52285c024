package org.gridcare.desktop.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.gridcare.config.ConfigException;
import org.gridcare.desktop.domain.Survey;
import org.junit.jupiter.api.Test;

class YamlSurveysTest {
  private static final Set<String> TICKET_TOPICS = Set.of("outage", "hazard", "complaint", "suggestion");

  @Test
  void theShippedSurveysAreValidAndBilingual() {
    var surveys = YamlSurveys.load(Path.of("../config/surveys"), TICKET_TOPICS);
    assertThat(surveys).containsKey("satisfaction");
    Survey s = surveys.get("satisfaction");
    assertThat(s.questions()).extracting(Survey.Question::type)
        .containsExactly(Survey.Type.SCALE, Survey.Type.YES_NO, Survey.Type.CHOICE, Survey.Type.TEXT);
    assertThat(s.questions()).allMatch(q -> q.text().keySet().containsAll(Survey.LANGUAGES));
  }

  @Test
  void everyProblemOfEveryFileIsReportedWithFileAndKey() {
    assertThatThrownBy(() -> YamlSurveys.load(Path.of("src/test/resources/surveys-bad"), TICKET_TOPICS))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(p -> Path.of(p.file()).getFileName() + " " + p.key())
            .containsExactly("after-call.yaml questions[0].type", "after-call.yaml title.ru",
                "after-call.yaml ticket-topic", "after-call.yaml questions[1].options[1].id",
                "after-call.yaml questions[1].options[1].text.ru", "second.yaml questions[0].weight"));
  }

  @Test
  void noDirectoryMeansNoSurveys() {
    assertThat(YamlSurveys.load(Path.of("no-such-dir"), TICKET_TOPICS)).isEmpty();
  }
}
