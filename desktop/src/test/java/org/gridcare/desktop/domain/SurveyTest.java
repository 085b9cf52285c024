package org.gridcare.desktop.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcare.desktop.domain.Survey.Option;
import org.gridcare.desktop.domain.Survey.Question;
import org.gridcare.desktop.domain.Survey.Type;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class SurveyTest {
  private static Map<String, String> both(String en) {
    return Map.of("en", en, "ru", "(ru) " + en);
  }

  private static final Survey SURVEY = new Survey("satisfaction", both("Satisfaction"), "suggestion", List.of(
      new Question("rating", both("How satisfied?"), Type.SCALE, null, true),
      new Question("resolved", both("Resolved?"), Type.YES_NO, null, true),
      new Question("channel", both("Channel?"), Type.CHOICE, List.of(new Option("sms", both("SMS")),
          new Option("website", both("Website"))), false),
      new Question("comment", both("Comment?"), Type.TEXT, null, false)));

  @Test
  void typedAnswersAreKeptForTheJournalAndTheNoteHasEveryAnswerInOrder() {
    Survey.Answers a = SURVEY.answer(Map.of("comment", " Quick and kind ", "resolved", "yes", "rating", "4",
        "channel", "sms"));
    assertThat(a.values()).containsExactly(Map.entry("rating", 4), Map.entry("resolved", "yes"), Map.entry("channel", "sms"));
    assertThat(a.textAnswered()).containsExactly("comment");
    assertThat(a.note()).isEqualTo("Survey \"Satisfaction\" (satisfaction):\n- How satisfied? 4/5\n- Resolved? yes\n"
        + "- Channel? sms\n- Comment? Quick and kind");
  }

  @Test
  void everyWrongAnswerIsNamed() {
    assertThatThrownBy(() -> SURVEY.answer(Map.of("rating", "6", "channel", "fax", "colour", "red")))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.id()).isEqualTo("invalid-answers");
          assertThat(e.details()).containsOnlyKeys("rating", "resolved", "channel", "colour");
          assertThat(e.details().get("rating")).isEqualTo("a whole number from 1 to 5");
          assertThat(e.details().get("resolved")).isEqualTo("an answer is required");
          assertThat(e.details().get("channel")).isEqualTo("one of [sms, website]");
        });
    assertThatThrownBy(() -> SURVEY.answer(Map.of("rating", "0", "resolved", "no"))).isInstanceOf(DomainException.class);
  }

  @Test
  void aSurveyNeedsBothLanguagesAKnownTicketTopicAndSoundChoices() {
    Survey bad = new Survey("Bad id", Map.of("en", "x"), "weather", List.of(
        new Question("q", Map.of("en", "Q?", "ru", "В?", "de", "F?"), Type.CHOICE, List.of(new Option("a", both("A"))), false),
        new Question("q", both("Again?"), Type.SCALE, List.of(new Option("b", both("B"))), false)));
    assertThat(bad.problems(Set.of("suggestion"))).extracting(p -> p[0]).containsExactly("id", "title.ru",
        "ticket-topic", "questions[0].text.de", "questions[0].options", "questions[1].id", "questions[1].options");
  }
}
