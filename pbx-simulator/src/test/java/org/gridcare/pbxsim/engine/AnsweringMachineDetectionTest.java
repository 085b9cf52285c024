package org.gridcare.pbxsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** app_amd's rules and defaults over scripted greetings (20 ms frames, as Asterisk reads them). */
class AnsweringMachineDetectionTest {
  private static final AnsweringMachineDetection AMD = AnsweringMachineDetection.DEFAULTS;

  @Test
  void aShortHelloFollowedBySilenceIsAHuman() {
    assertThat(AMD.analyse(Greeting.PERSON))
        .isEqualTo(new AnsweringMachineDetection.Result("HUMAN", "HUMAN-800-800", 1400));
  }

  @Test
  void aLongGreetingIsAMachine() {
    assertThat(AMD.analyse(Greeting.MACHINE))
        .isEqualTo(new AnsweringMachineDetection.Result("MACHINE", "LONGGREETING-1500-1500", 1660));
  }

  @Test
  void silenceBeyondTheInitialSilenceIsAMachine() {
    assertThat(AMD.analyse(Greeting.SILENT))
        .isEqualTo(new AnsweringMachineDetection.Result("MACHINE", "INITIALSILENCE-2500-2500", 2500));
  }

  @Test
  void manyShortWordsAreAMachineOnceTheWordLimitIsReached() {
    // the first utterance is not counted (the detector starts "in a word"); three more words after pauses are
    Greeting chatty = new Greeting(List.of(200, 100, 200, 100, 200, 100, 200));
    assertThat(AMD.analyse(chatty).status()).isEqualTo("MACHINE");
    assertThat(AMD.analyse(chatty).cause()).isEqualTo("MAXWORDS-3-3");
  }

  @Test
  void oneVeryLongWordHitsTheMaximumWordLengthWhenConfiguredLow() {
    AnsweringMachineDetection amd = AnsweringMachineDetection.fromArguments(
        List.of("", "5000", "", "", "", "", "", "", "1000"));
    assertThat(amd.analyse(new Greeting(List.of(3000))).cause()).isEqualTo("MAXWORDLENGTH-1000");
  }

  @Test
  void argumentsOverrideTheDefaultsAndBlankOnesKeepThem() {
    AnsweringMachineDetection amd = AnsweringMachineDetection.fromArguments(List.of("", "", "400"));
    assertThat(amd).isEqualTo(new AnsweringMachineDetection(2500, 1500, 400, 5000, 100, 50, 3, 5000));
    assertThat(amd.analyse(Greeting.PERSON).cause()).isEqualTo("HUMAN-400-400");
  }

  @Test
  void undecidedWithinTheAnalysisTimeIsNotSure() {
    AnsweringMachineDetection amd = AnsweringMachineDetection.fromArguments(List.of("", "", "", "1000"));
    assertThat(amd.analyse(Greeting.PERSON))
        .isEqualTo(new AnsweringMachineDetection.Result("NOTSURE", "TOOLONG-1000", 1000));
  }
}
