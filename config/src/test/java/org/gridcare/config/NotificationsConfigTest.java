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

/** notifications: voice pacing and urgency, and the message templates with their checks at load. */
class NotificationsConfigTest {
  private static final Path SHIPPED = Path.of("contact-centre.yaml");

  @TempDir Path dir;

  private Path shippedWith(String from, String to) throws IOException {
    String text = Files.readString(SHIPPED);
    assertThat(text).contains(from);
    return Files.writeString(dir.resolve("contact-centre.yaml"), text.replace(from, to));
  }

  @Test
  void shippedTemplatesCoverEveryLanguageAndUrgentCallsAreOffUnlessConfigured() {
    NotificationsConfig n = ConfigLoader.load(SHIPPED, Map.of()).notifications();
    assertThat(n.templates()).containsOnlyKeys("en", "ru");
    assertThat(n.templates().get("ru").outageStarted().voice()).contains("{cause}");
    assertThat(n.voice().urgent()).isFalse();
    assertThat(n.voice().ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigLoader.load(SHIPPED, Map.of("CC_NOTIFICATIONS_VOICE_URGENT", "true",
        "CC_NOTIFICATIONS_VOICE_RING_TIMEOUT", "5s")).notifications().voice())
        .extracting(NotificationsConfig.Voice::urgent, NotificationsConfig.Voice::ringTimeout)
        .containsExactly(true, Duration.ofSeconds(5));
  }

  @Test
  void anUnknownPlaceholderIsNamedWithFileAndKey() throws IOException {
    Path f = shippedWith("Ориентировочно восстановим: {eta}.", "Ориентировочно восстановим: {restored-at}.");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            new ConfigProblem(f.toString(), "notifications.templates.ru.outage-started.sms",
                "unknown placeholder {restored-at} (known: {cause}, {start}, {end}, {eta})")));
  }

  @Test
  void aLanguageOfTheLocaleWithoutTemplatesIsAnError() throws IOException {
    Path f = shippedWith("languages: [en, ru]", "languages: [en, ru, nb]");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
            new ConfigProblem(f.toString(), "notifications.templates",
                "missing language nb (listed in locale.languages)")));
  }

  @Test
  void aMissingTextOrAMistypedKindIsNamed() throws IOException {
    Path missing = shippedWith("        voice: \"This is your electricity company. Power is back in your area. Thank you for "
        + "your patience.\"\n", "");
    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
        .hasMessageContaining("notifications.templates.en.restored.voice: missing required value");
    Path typo = shippedWith("      estimate-changed:\n        sms: \"Update", "      estimate-change:\n        sms: \"Update");
    assertThatThrownBy(() -> ConfigLoader.load(typo, Map.of()))
        .hasMessageContaining("notifications.templates.en")
        .hasMessageContaining("unknown key \"estimate-change\"");
  }

  @Test
  void theTwilioTokenIsReadFromTheMapTheLoaderWasGivenNotFromTheProcess() throws IOException {
    String variable = "CC_NOTIFICATIONS_TWILIO_AUTH_TOKEN";
    assertThat(System.getenv(variable)).isNull();
    NotificationsConfig.Twilio twilio = ConfigLoader.load(SHIPPED, Map.of(
        "CC_NOTIFICATIONS_TWILIO_ACCOUNT_SID", "AC" + "ab".repeat(16), "CC_NOTIFICATIONS_TWILIO_FROM", "+4759440000",
        variable, "in-process-token")).notifications().twilio();
    assertThat(twilio.authToken().value()).isEqualTo("in-process-token");
    assertThat(twilio.authToken().toString()).doesNotContain("in-process-token");

    Path typo = Files.writeString(dir.resolve("typo.yaml"), "lines: [{id: 1, name: L1}]\n"
        + "notifications: {twilio: {account-sid: AC" + "ab".repeat(16) + ", from: '+4759440000', auth-token: {envv: X}}}\n");
    assertThatThrownBy(() -> ConfigLoader.load(typo, Map.of()))
        .hasMessageContaining("notifications.twilio.auth-token")
        .hasMessageContaining("unknown key \"envv\"");
  }

  @Test
  void theInboundReserveMustLeaveRoomForCalls() throws IOException {
    Path f = shippedWith("max-channels: 30, reserved-for-inbound: 20", "max-channels: 30, reserved-for-inbound: 30");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("notifications.voice.reserved-for-inbound: must be at least 0 and below max-channels");
  }
}
