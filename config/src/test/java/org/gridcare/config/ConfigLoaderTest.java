package org.gridcare.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path SHIPPED = Path.of("contact-centre.yaml");

  @TempDir Path dir;

  @Test
  void shippedDefaultLoadsWithTheThreeLines() {
    ContactCentreConfig c = ConfigLoader.load(SHIPPED, Map.of());
    assertThat(c.lines()).extracting(LineConfig::id).containsExactly(1, 2, 3);
    assertThat(c.topic("hazard")).get().extracting(TopicConfig::hazard).isEqualTo(true);
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.lines().get(1).wrapUp()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void voicemailLivesUnderTheDataDirUnlessConfigured() {
    assertThat(ConfigLoader.load(SHIPPED, Map.of("CC_STORAGE_DATA_DIR", "/srv/cc")).ivr().voicemailDir())
        .isEqualTo(Path.of("/srv/cc", "voicemail").toString());
    assertThat(ConfigLoader.load(SHIPPED, Map.of("CC_STORAGE_DATA_DIR", "/srv/cc", "CC_IVR_VOICEMAIL_DIR",
        "/var/spool/cc-voicemail")).ivr().voicemailDir()).isEqualTo("/var/spool/cc-voicemail");
  }

  @Test
  void unknownKeyIsNamedWithItsPath() throws IOException {
    Path f = write("lines:\n  - id: 1\n    name: L1\n    wrap-upp: 30s\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("lines[0]")
        .hasMessageContaining("unknown key \"wrap-upp\"");
  }

  @Test
  void wrongTypeSaysWhatWasExpected() throws IOException {
    Path f = write("server:\n  port: eighty\nlines: [{id: 1, name: L1}]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("server.port")
        .hasMessageContaining("expected a whole number");
  }

  @Test
  void badDurationIsNamed() throws IOException {
    Path f = write("lines: [{id: 1, name: L1, wrap-up: soon}]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("lines[0].wrap-up")
        .hasMessageContaining("duration");
  }

  @Test
  void recordingRetentionPerTopicIsReadAndMustNameAKnownTopic() throws IOException {
    assertThat(ConfigLoader.load(SHIPPED, Map.of()).recordings().retentionByTopic())
        .containsEntry("hazard", Duration.ofDays(1825));
    Path f = write("lines: [{id: 1, name: L1}]\ntopics: [{id: outage, line: 1}]\n"
        + "recordings: {retention-by-topic: {outages: 30d}}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("recordings.retention-by-topic.outages")
        .hasMessageContaining("unknown topic");
  }

  @Test
  void listenReasonDefaultsToOtherLinesAndMustBeAKnownMode() throws IOException {
    assertThat(ConfigLoader.load(SHIPPED, Map.of()).recordings().listenReason()).isEqualTo("other-lines");
    assertThat(ConfigLoader.load(write("lines: [{id: 1, name: L1}]\n"), Map.of()).recordings().listenReason())
        .isEqualTo("other-lines");
    assertThat(ConfigLoader.load(write("lines: [{id: 1, name: L1}]\nrecordings: {listen-reason: always}\n"), Map.of())
        .recordings().listenReason()).isEqualTo("always");
    Path f = write("lines: [{id: 1, name: L1}]\nrecordings: {listen-reason: sometimes}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining(f.toString())
        .hasMessageContaining("recordings.listen-reason")
        .hasMessageContaining("must be one of never, other-lines, always, got sometimes");
  }

  @Test
  void phoneSurveysAreReadAndEveryTextAndAnswerRangeIsChecked() throws IOException {
    SurveyCampaignsConfig shipped = ConfigLoader.load(SHIPPED, Map.of()).surveyCampaigns();
    assertThat(shipped.window()).isEqualTo(new SurveyCampaignsConfig.Window("09:00", "20:00"));
    assertThat(shipped.surveys().get("after-outage").questions()).extracting(SurveyCampaignsConfig.Question::id)
        .containsExactly("information", "restoration", "recommend");
    Path f = write("lines: [{id: 1, name: L1}]\nlocale: {languages: [en, ru]}\n"
        + "survey-campaigns:\n  window: {from: '25:00', to: '20:00'}\n  surveys:\n    s1:\n"
        + "      intro: {en: Hi, ru: Привет}\n      thanks: {en: Bye}\n"
        + "      questions:\n        - {id: q, text: {en: Q, ru: В}, min: 3, max: 12}\n"
        + "        - {id: q, text: {en: Q2, ru: В2}}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::key)
            .contains("survey-campaigns.window.from", "survey-campaigns.surveys.s1.thanks",
                "survey-campaigns.surveys.s1.questions[0]", "survey-campaigns.surveys.s1.questions[1].id"))
        .hasMessageContaining("missing text for language(s) [ru]")
        .hasMessageContaining("0 <= min <= max <= 9, got 3..12");
  }

  @Test
  void topicNamingAMissingLineIsABadReference() throws IOException {
    Path f = write("lines: [{id: 1, name: L1}]\ntopics: [{id: outage, line: 7}]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("topics[0].line")
        .hasMessageContaining("line 7, which does not exist");
  }

  @Test
  void missingRequiredValueAndAllProblemsReportedTogether() throws IOException {
    Path f = write("lines: [{name: L1}]\noperators: [{id: a, lines: [1]}]\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(ConfigProblem::key)
            .contains("lines[0].id", "operators[0].endpoint"));
  }

  @Test
  void environmentOverridesAnyKeyIncludingListElements() throws IOException {
    Path f = write("lines: [{id: 1, name: L1, wrap-up: 30s}]\n");
    ContactCentreConfig c = ConfigLoader.load(f, Map.of(
        "CC_SERVER_PORT", "9090", "CC_LINES_0_WRAP_UP", "45s", "CC_PBX_AMI_HOST", "10.1.2.3",
        "CC_LOCALE_LANGUAGES", "ru,en"));
    assertThat(c.server().port()).isEqualTo(9090);
    assertThat(c.lines().get(0).wrapUp()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.pbx().ami().host()).isEqualTo("10.1.2.3");
    assertThat(c.locale().languages()).containsExactly("ru", "en");
  }

  @Test
  void secretsComeFromEnvOrFileNeverInline() throws IOException {
    Path inline = write("lines: [{id: 1, name: L1}]\npbx: {mode: asterisk, ami: {secret: hunter2}}\n");
    assertThatThrownBy(() -> ConfigLoader.load(inline, Map.of())).hasMessageContaining("pbx.ami.secret");

    Path fromEnv = write("lines: [{id: 1, name: L1}]\npbx: {mode: asterisk, ami: {secret: {env: AMI_SECRET}}}\n");
    assertThatThrownBy(() -> ConfigLoader.load(fromEnv, Map.of()))
        .hasMessageContaining("pbx.ami.secret: environment variable AMI_SECRET is not set");
    ContactCentreConfig c = ConfigLoader.load(fromEnv, Map.of("AMI_SECRET", "s3cret"));
    assertThat(c.pbx().ami().secret().resolve(Map.of("AMI_SECRET", "s3cret"))).isEqualTo("s3cret");
    assertThat(c.pbx().ami().secret().toString()).doesNotContain("s3cret");
  }

  @Test
  void missingFileAndBrokenYamlAreReported() throws IOException {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of())).hasMessageContaining("file not found");
    Path f = write("lines: [\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("not valid YAML");
  }

  private Path write(String yaml) throws IOException {
    Path f = Files.createTempFile(dir, "cc", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void ivrTtsLanguageEnginesAndSurveyLinesAreValidated() throws IOException {
    Path f = write("lines: [{id: 1, name: L1}]\n"
        + "ivr:\n  survey: {lines: [1, 4]}\n  tts:\n    languages:\n"
        + "      ru: {engine: espeak, command: [espeak-ng, \"{text}\"]}\n"
        + "      uk: {engine: command, command: [no-such-tts-program-here, -w, \"{out}\", \"{text}\"]}\n"
        + "      fi: {engine: command, command: [sh, -c, \"echo {text}\"]}\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(p -> p.file() + " " + p.key() + ": " + p.problem())
            .containsExactlyInAnyOrder(
                f + " ivr.survey.lines: refers to line 4, which does not exist (lines: [1])",
                f + " ivr.tts.languages.ru.engine: unknown engine espeak for a language (known: command; freetts "
                    + "speaks English only and is the main engine)",
                f + " ivr.tts.languages.uk.command: program no-such-tts-program-here not found (not an executable "
                    + "file, nor on PATH)",
                f + " ivr.tts.languages.fi.command: no {out} argument: the engine would not know where to write the WAV"));
  }
}
