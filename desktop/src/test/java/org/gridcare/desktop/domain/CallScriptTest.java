package org.gridcare.desktop.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcare.desktop.domain.CallScript.Question;
import org.gridcare.desktop.domain.CallScript.Type;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class CallScriptTest {
  private static final CallScript OUTAGE = new CallScript("outage", Map.of("en", "No power"), List.of(
      new Question("since", Map.of("en", "Since when?"), Type.TEXT, null, true),
      new Question("neighbours", Map.of("en", "Neighbours have power?"), Type.YES_NO, null, true),
      new Question("houses", Map.of("en", "How many houses?"), Type.NUMBER, null, false),
      new Question("scope", Map.of("en", "What is dark?"), Type.CHOICE, List.of("house", "street"), false)));

  @Test
  void answersBecomeANoteInScriptOrderSkippingUnansweredOptionalQuestions() {
    String note = OUTAGE.answer(Map.of("scope", "street", "neighbours", "no", "since", " 14:00 "));
    assertThat(note).isEqualTo("Call script \"No power\":\n- Since when? 14:00\n- Neighbours have power? no\n"
        + "- What is dark? street");
  }

  @Test
  void everyWrongAnswerIsNamed() {
    assertThatThrownBy(() -> OUTAGE.answer(Map.of("neighbours", "maybe", "houses", "three", "scope", "city",
        "colour", "red")))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.id()).isEqualTo("invalid-answers");
          assertThat(e.details()).containsOnlyKeys("since", "neighbours", "houses", "scope", "colour");
          assertThat(e.details().get("since")).isEqualTo("an answer is required");
          assertThat(e.details().get("scope")).isEqualTo("one of [house, street]");
        });
  }

  @Test
  void numbersAcceptADecimalCommaOrPoint() {
    assertThat(OUTAGE.answer(Map.of("since", "now", "neighbours", "yes", "houses", "2,5"))).contains("How many houses? 2,5");
  }

  @Test
  void aScriptIsCheckedAgainstTheTopicsAndItsQuestions() {
    CallScript bad = new CallScript("weather", Map.of(), List.of(
        new Question("Bad Id", Map.of("en", "x"), Type.TEXT, null, false),
        new Question("pick", Map.of(), Type.CHOICE, List.of("only"), false),
        new Question("pick", Map.of("en", "y"), Type.YES_NO, List.of("a", "b"), false)));
    assertThat(bad.problems(Set.of("outage")).stream().map(p -> p[0] + ": " + p[1]).toList()).containsExactly(
        "topic: unknown topic weather (known: [outage])",
        "title.en: missing required value",
        "questions[0].id: an id is 1..40 of a-z, 0-9 and dashes, starting with a letter",
        "questions[1].text.en: missing required value",
        "questions[1].options: a choice needs at least two options",
        "questions[2].id: duplicate question id pick",
        "questions[2].options: only a choice has options");
    assertThat(OUTAGE.problems(Set.of("outage"))).isEmpty();
  }
}
