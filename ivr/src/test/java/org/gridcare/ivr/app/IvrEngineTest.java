package org.gridcare.ivr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.ivr.domain.ActionNode;
import org.gridcare.ivr.domain.ApplicationStatus;
import org.gridcare.ivr.domain.CustomerSummary;
import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.IvrEvent;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.MenuNode;
import org.gridcare.ivr.domain.MeterHistory;
import org.gridcare.ivr.domain.Outage;
import org.gridcare.ivr.domain.TransferNode;
import org.gridcare.ivr.yaml.YamlMenus;
import org.gridcare.platform.domain.PhoneNumbers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scripted callers through the shipped default menu (config/ivr.yaml) with fake CRM, outages and ACD. */
class IvrEngineTest {
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** A Wednesday morning: every line is open. */
  static final Instant WEDNESDAY_10 = ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, OSLO).toInstant();
  /** A Saturday: lines 2 and 3 are closed. */
  static final Instant SATURDAY_10 = ZonedDateTime.of(2026, 11, 28, 10, 0, 0, 0, OSLO).toInstant();
  static final String ANNA_PHONE = "+4791234567";
  static final String UNKNOWN_PHONE = "+4799887766";
  static final CustomerSummary ANNA = new CustomerSummary("cust-1", "100234", "Anna Berg", "area-north");
  static final String GSRN = "707057500000000018";
  static final String GSRN_WRONG_CHECK_DIGIT = "707057500000000017";

  static ContactCentreConfig config;
  static IvrMenu menu;

  final Fakes.Crm crm = new Fakes.Crm();
  final Fakes.Outages outages = new Fakes.Outages();
  final Fakes.Acd acd = new Fakes.Acd();
  final Fakes.Events events = new Fakes.Events();

  @BeforeAll
  static void loadShippedConfiguration() {
    config = ConfigLoader.load(Path.of("../config/contact-centre.yaml"), Map.of());
    menu = new YamlMenus().load(Path.of("../config/ivr.yaml"), Catalogues.of(config));
  }

  @BeforeEach
  void customers() {
    crm.byPhone.put(ANNA_PHONE, List.of(ANNA));
    crm.byGsrn.put(GSRN, ANNA);
  }

  IvrEngine engine(Instant now) {
    Clock clock = Clock.fixed(now, OSLO);
    PhoneNumbers phones = new PhoneNumbers("NO");
    UtilityActions actions = new UtilityActions(crm, outages, crm, crm, phones, OSLO, clock);
    Steps steps = new Steps(actions, Catalogues.of(config).topics(), acd,
        new ConfiguredOpeningHours(config.lines(), OSLO, clock), crm, Path.of("data/voicemail"), Set.of(1));
    return new IvrEngine(() -> menu, steps, Fakes.textPrompts(), events, phones, clock);
  }

  void run(ScriptedCaller caller) {
    run(caller, WEDNESDAY_10);
  }

  void run(ScriptedCaller caller, Instant now) {
    assertThat(engine(now).run(caller).succeeded()).as("the script ends cleanly").isTrue();
  }

  @Test
  void recognisedCallerIsGreetedByNameAndHearsTheOutageBeforeTheMenu() {
    outages.byArea.put("area-north", List.of(new Outage("out-7", false, "a storm-damaged line",
        WEDNESDAY_10.minusSeconds(3600), WEDNESDAY_10.plusSeconds(3 * 3600))));
    ScriptedCaller caller = new ScriptedCaller("91234567").silent().presses("1");

    run(caller);

    assertThat(caller.heard()).containsSubsequence(
        "welcome: If there is danger to life, such as a fallen power line or sparks, press 9 now.",
        "greet: Hello Anna Berg.",
        "outage-announcement: There is an unplanned power outage in your area, caused by a storm-damaged line, since 09:00."
            + " Power is expected back at 13:00. To get a text message when power is back, press 1. If your problem is"
            + " different, press 2.",
        "sms-confirmed: Thank you. We will send you a text message as soon as power is restored.",
        "goodbye: Thank you for calling Gridcare Electricity. Goodbye.");
    assertThat(caller.heard()).noneMatch(p -> p.startsWith("main-menu"));
    assertThat(outages.subscriptions).containsExactly("out-7 +4791234567 cust-1");
    assertThat(caller.hungUpByIvr).isTrue();
    IvrEvent.SessionEnded ended = events.ended();
    assertThat(ended.ending()).isEqualTo(Ending.SELF_SERVED);
    assertThat(ended.flow()).isEqualTo("subscribe-restoration-sms");
    assertThat(ended.customerId()).isEqualTo("cust-1");
    assertThat(ended.callerNumber()).isEqualTo(ANNA_PHONE);
  }

  @Test
  void withoutAnOutageTheRecognisedCallerGoesStraightToTheMenu() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("0");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("choose-language", "welcome", "greet", "main-menu", "goodbye");
    assertThat(events.ended().ending()).isEqualTo(Ending.ENDED);
  }

  @Test
  void wrongGsrnCheckDigitIsCaughtAtOnceWithoutALookup() {
    ScriptedCaller caller = new ScriptedCaller(UNKNOWN_PHONE)
        .silent().presses("2").presses(GSRN_WRONG_CHECK_DIGIT + "#").presses(GSRN + "#").presses("0");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':'))).containsSubsequence(
        "ask-identifier", "enter-gsrn", "gsrn-invalid", "enter-gsrn", "greet", "main-menu");
    assertThat(crm.gsrnLookups).containsExactly(GSRN);
    assertThat(events.steps()).filteredOn(s -> s.node().equals("collect-gsrn")).extracting(IvrEvent.StepTaken::input)
        .containsExactly(InputKind.INVALID, InputKind.DIGITS);
    assertThat(events.recorded).as("the GSRN never reaches the journal")
        .allSatisfy(e -> assertThat(e.toString()).doesNotContain(GSRN).doesNotContain(GSRN_WRONG_CHECK_DIGIT));
  }

  @Test
  void threeTimesNoInputTakesTheCallerToAnOperator() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().silent().silent().silent();

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':'))).containsSubsequence(
        "main-menu", "no-input", "main-menu", "no-input", "main-menu", "connecting");
    assertThat(events.steps()).filteredOn(s -> s.node().equals("main-menu"))
        .extracting(IvrEvent.StepTaken::input, IvrEvent.StepTaken::outcome, IvrEvent.StepTaken::attempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(InputKind.NO_INPUT, "retry", 1),
            org.assertj.core.groups.Tuple.tuple(InputKind.NO_INPUT, "retry", 2),
            org.assertj.core.groups.Tuple.tuple(InputKind.NO_INPUT, "gave-up", 3));
    assertThat(caller.variables).containsEntry("CC_NEXT", "wait").containsEntry("CC_LINE", "1")
        .containsEntry("CC_TOPIC", "contacts").containsEntry("CC_PRIORITY", "0").containsEntry("CC_HAZARD", "false")
        .containsEntry("CC_CUSTOMER", "cust-1").containsEntry("CC_LANGUAGE", "en")
        .as("line 1 offers the post-call survey").containsEntry("CC_SURVEY", "yes");
    assertThat(acd.queued).singleElement().satisfies(h -> {
      assertThat(h.line()).isEqualTo(1);
      assertThat(h.topic()).isEqualTo("contacts");
      assertThat(h.customerId()).isEqualTo("cust-1");
      assertThat(h.callerNumber()).isEqualTo(ANNA_PHONE);
      assertThat(h.call().value()).isEqualTo("call-1");
    });
    assertThat(caller.hungUpByIvr).as("the dialplan continues to cc-wait").isFalse();
    assertThat(events.ended().ending()).isEqualTo(Ending.TRANSFERRED);
    assertThat(events.ended().route().line()).isEqualTo(1);
  }

  @Test
  void starRepeatsThePromptWithoutCountingAsATry() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("*").presses("*").presses("0");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("choose-language", "welcome", "greet", "main-menu", "main-menu", "main-menu", "goodbye");
    assertThat(events.steps()).filteredOn(s -> s.node().equals("main-menu"))
        .extracting(IvrEvent.StepTaken::input).containsExactly(InputKind.REPEAT, InputKind.REPEAT, InputKind.KEY);
  }

  @Test
  void invalidKeyIsApologisedForAndReprompted() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("7").presses("0");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsSubsequence("main-menu", "invalid", "main-menu", "goodbye");
  }

  @Test
  void callerHangingUpMidMenuEndsCleanlyAsAbandoned() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("2").hangsUp();

    run(caller);

    assertThat(caller.transcript).last().isEqualTo("caller hung up");
    assertThat(caller.hungUpByIvr).isFalse();
    assertThat(crm.stored).isEmpty();
    assertThat(acd.queued).isEmpty();
    IvrEvent.SessionEnded ended = events.ended();
    assertThat(ended.ending()).isEqualTo(Ending.ABANDONED);
    assertThat(ended.lastNode()).isEqualTo("reading-gsrn");
    assertThat(ended.route()).isNull();
  }

  @Test
  void callerHangingUpDuringAPromptEndsCleanlyAsAbandoned() {
    ScriptedCaller caller = new ScriptedCaller(UNKNOWN_PHONE).silent().hangsUpDuringPrompt();

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly("choose-language", "welcome");
    assertThat(events.ended().ending()).isEqualTo(Ending.ABANDONED);
    assertThat(events.ended().lastNode()).isEqualTo("welcome");
  }

  static final String STORM_PHONE = "+4791111111";

  /** For each input node of the shipped menu: a caller who reaches it and hangs up there. */
  static Stream<Arguments> callersHangingUpAtEachInputNode() {
    return Stream.of(
        Arguments.of("choose-language", new ScriptedCaller(UNKNOWN_PHONE).hangsUp()),
        Arguments.of("ask-identifier", new ScriptedCaller(UNKNOWN_PHONE).silent().hangsUp()),
        Arguments.of("collect-customer-number", new ScriptedCaller(UNKNOWN_PHONE).silent().presses("1").hangsUp()),
        Arguments.of("collect-gsrn", new ScriptedCaller(UNKNOWN_PHONE).silent().presses("2").hangsUp()),
        Arguments.of("announce-outage", new ScriptedCaller(STORM_PHONE).silent().hangsUp()),
        Arguments.of("main-menu", new ScriptedCaller(ANNA_PHONE).silent().hangsUp()),
        Arguments.of("change-language", new ScriptedCaller(ANNA_PHONE).silent().presses("8").hangsUp()),
        Arguments.of("reading-gsrn", new ScriptedCaller(ANNA_PHONE).silent().presses("2").hangsUp()),
        Arguments.of("reading-value", new ScriptedCaller(ANNA_PHONE).silent().presses("2").presses(GSRN + "#").hangsUp()),
        Arguments.of("confirm-reading", new ScriptedCaller(ANNA_PHONE).silent().presses("2").presses(GSRN + "#")
            .presses("13100#").hangsUp()),
        Arguments.of("confirm-high-reading", new ScriptedCaller(ANNA_PHONE).silent().presses("2").presses(GSRN + "#")
            .presses("99999#").hangsUp()),
        Arguments.of("application-number", new ScriptedCaller(ANNA_PHONE).silent().presses("3").hangsUp()),
        Arguments.of("operator-menu", new ScriptedCaller(ANNA_PHONE).silent().presses("4").hangsUp()),
        Arguments.of("survey", new ScriptedCaller(ANNA_PHONE).hangsUp()));
  }

  @Test
  void theHangUpCasesCoverEveryInputNodeOfTheMenu() {
    assertThat(callersHangingUpAtEachInputNode().map(a -> (String) a.get()[0]))
        .containsExactlyInAnyOrderElementsOf(menu.nodes().values().stream()
            .filter(n -> n instanceof org.gridcare.ivr.domain.InputNode).map(n -> n.id()).toList());
  }

  @ParameterizedTest(name = "hang-up at {0}")
  @MethodSource("callersHangingUpAtEachInputNode")
  void hangingUpAtAnyInputNodeLeavesNothingHalfDone(String node, ScriptedCaller caller) {
    CustomerSummary storm = new CustomerSummary("cust-9", "100999", "Olga Smirnova", "area-storm");
    crm.byPhone.put(STORM_PHONE, List.of(storm));
    outages.byArea.put("area-storm", List.of(new Outage("out-8", true, "planned maintenance",
        WEDNESDAY_10.minusSeconds(600), null)));
    crm.meters.put(GSRN, new MeterHistory(GSRN, 12000L, LocalDate.of(2026, 8, 25), 6000));

    if (node.equals("survey")) {
      assertThat(engine(WEDNESDAY_10).survey("survey").run(caller).succeeded()).isTrue();
      assertThat(events.recorded).as("the survey is no IVR session of its own")
          .noneMatch(e -> e instanceof IvrEvent.SessionStarted || e instanceof IvrEvent.SessionEnded);
      assertThat(events.recorded).noneMatch(IvrEvent.SurveyAnswered.class::isInstance);
      return;
    }
    run(caller);

    IvrEvent.SessionEnded ended = events.ended();
    assertThat(ended.lastNode()).isEqualTo(node);
    assertThat(ended.ending()).isEqualTo(node.equals("announce-outage") ? Ending.SELF_SERVED : Ending.ABANDONED);
    assertThat(caller.hungUpByIvr).isFalse();
    assertThat(caller.variables).isEmpty();
    assertThat(acd.queued).isEmpty();
    assertThat(crm.stored).isEmpty();
    assertThat(crm.faults).isEmpty();
    assertThat(crm.voicemails).isEmpty();
    assertThat(outages.subscriptions).isEmpty();
    assertThat(events.recorded).noneMatch(IvrEvent.SurveyAnswered.class::isInstance);
  }

  @Test
  void hazardKeyDuringTheWelcomeGoesToLineOneAtTopPriorityWithASafetyMessage() {
    ScriptedCaller caller = new ScriptedCaller(UNKNOWN_PHONE).silent().presses("9");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("choose-language", "welcome", "hazard-safety");
    assertThat(caller.variables).containsEntry("CC_LINE", "1").containsEntry("CC_TOPIC", "hazard")
        .containsEntry("CC_PRIORITY", "100").containsEntry("CC_HAZARD", "true").containsEntry("CC_NEXT", "wait")
        .doesNotContainKey("CC_CUSTOMER");
    assertThat(acd.queued).singleElement().satisfies(h -> assertThat(h.hazard()).isTrue());
  }

  @Test
  void meterReadingIsReadBackConfirmedAndStoredWithTheCallId() {
    crm.meters.put(GSRN, new MeterHistory(GSRN, 12000L, LocalDate.of(2026, 8, 25), 6000));
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE)
        .silent().presses("2").presses(GSRN + "#").presses("13100#").presses("1");

    run(caller);

    assertThat(caller.heard()).contains(
        "confirm-reading: You entered 13100 kilowatt hours. To confirm, press 1. To enter it again, press 2.",
        "reading-stored: Thank you. Your meter reading has been saved.");
    assertThat(crm.stored).singleElement().satisfies(r -> {
      assertThat(r.gsrn()).isEqualTo(GSRN);
      assertThat(r.kwh()).isEqualTo(13100);
      assertThat(r.callId()).isEqualTo("call-1");
      assertThat(r.customerId()).isEqualTo("cust-1");
    });
    assertThat(events.ended().ending()).isEqualTo(Ending.SELF_SERVED);
    assertThat(events.ended().flow()).isEqualTo("store-meter-reading");
  }

  @Test
  void readingBelowTheLastIsRejectedWithAClearPromptAndAskedAgain() {
    crm.meters.put(GSRN, new MeterHistory(GSRN, 12000L, LocalDate.of(2026, 8, 25), 6000));
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE)
        .silent().presses("2").presses(GSRN + "#").presses("11000#").hangsUp();

    run(caller);

    assertThat(caller.heard()).containsSubsequence(
        "reading-below-last: The reading 11000 is lower than the last reading we have, 12000. Please check the meter"
            + " and enter the reading again.",
        "enter-reading: Please enter the meter reading in whole kilowatt hours, then press hash.");
    assertThat(crm.stored).as("nothing half-written").isEmpty();
    assertThat(events.ended().ending()).isEqualTo(Ending.ABANDONED);
  }

  @Test
  void closedLineOffersVoicemailThatBecomesACallBackTicket() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("4").presses("3").hangsUp();

    run(caller, SATURDAY_10);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsSubsequence("operator-menu", "line-closed", "voicemail");
    assertThat(acd.queued).isEmpty();
    assertThat(crm.voicemails).singleElement().satisfies(v -> {
      assertThat(v.topic()).isEqualTo("voicemail-callback");
      assertThat(v.recordingFile()).isEqualTo(caller.recordings.get(0) + ".wav");
      assertThat(v.customerId()).isEqualTo("cust-1");
      assertThat(v.callId()).isEqualTo("call-1");
    });
    assertThat(events.ended().ending()).isEqualTo(Ending.VOICEMAIL);
  }

  @Test
  void failedAcdHandOffFallsBackToVoicemail() {
    acd.down = true;
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("4").presses("1").presses("#");

    run(caller);

    assertThat(caller.variables).doesNotContainKey("CC_NEXT");
    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsSubsequence("connecting", "voicemail", "voicemail-saved", "goodbye");
    assertThat(crm.voicemails).hasSize(1);
    assertThat(events.ended().ending()).isEqualTo(Ending.VOICEMAIL);
  }

  @Test
  void aRussianCallerHearsEveryPromptAndEveryDynamicSentenceInRussian() {
    outages.byArea.put("area-north", List.of(new Outage("out-7", true, "unknown",
        WEDNESDAY_10.minusSeconds(3600), WEDNESDAY_10.plusSeconds(26 * 3600))));
    crm.applications.put("204711", new ApplicationStatus("204711", "energised", null));
    ScriptedCaller caller = new ScriptedCaller("91234567").presses("2").silent().presses("2").presses("3")
        .presses("204711#");

    run(caller);

    assertThat(caller.heard()).containsSubsequence(
        "welcome: Если есть угроза жизни, например оборванный провод или искрение, нажмите 9.",
        "greet: Здравствуйте, Anna Berg.",
        "outage-announcement: В вашем районе плановое отключение электроэнергии с 09:00, причина: устанавливается."
            + " Ориентировочное время восстановления: 26 ноября в 12:00. Чтобы получить эсэмэс, когда электроснабжение"
            + " восстановится, нажмите 1. Если ваш вопрос не связан с отключением, нажмите 2.",
        "application-stage: Ваша заявка на этапе: подключение выполнено, напряжение подано. Следующий этап: нет, заявка"
            + " выполнена.",
        "goodbye: Спасибо за звонок в электросетевую компанию Гридкэр. До свидания.");
    assertThat(caller.heard().subList(1, caller.heard().size())).as("nothing in English after choosing Russian")
        .allSatisfy(p -> assertThat(p.substring(p.indexOf(':') + 2).replace("Anna Berg", "")).doesNotContainPattern("[A-Za-z]"));
  }

  @Test
  void aStageTheMenuHasNoWordsForSendsTheCallerToAnOperator() {
    crm.applications.put("204711", new ApplicationStatus("204711", "new-stage-from-the-crm", null));
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("3").presses("204711#");

    run(caller);

    assertThat(caller.heard()).noneMatch(p -> p.startsWith("application-stage"));
    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':'))).contains("connecting");
  }

  @Test
  void applicationStatusIsToldAndCountsAsSelfServed() {
    crm.applications.put("204711", new ApplicationStatus("204711", "site-survey", "supply-plan"));
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("3").presses("204711#");

    run(caller);

    assertThat(caller.heard()).contains("application-stage: Your application is at the stage: site survey. Next step:"
        + " supply plan.");
    assertThat(events.ended().flow()).isEqualTo("application-status");
  }

  @Test
  void faultReportCreatesATicketForTheCustomersArea() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("1");

    run(caller);

    assertThat(crm.faults).singleElement().satisfies(f -> {
      assertThat(f.areaId()).isEqualTo("area-north");
      assertThat(f.customerId()).isEqualTo("cust-1");
      assertThat(f.outages()).isEqualTo(new ServiceRequests.OutagesKnown.None());
    });
    assertThat(caller.heard()).anyMatch(p -> p.startsWith("fault-registered:") && p.contains("number F-1"));
  }

  @Test
  void faultReportedAfterAnOutageWasAnnouncedSaysWhichOutageTheCallerHeardOf() {
    crm.byPhone.put(STORM_PHONE, List.of(new CustomerSummary("cust-9", "100999", "Olga Smirnova", "area-storm")));
    outages.byArea.put("area-storm", List.of(new Outage("out-8", false, "a fallen tree",
        WEDNESDAY_10.minusSeconds(600), null)));
    ScriptedCaller caller = new ScriptedCaller(STORM_PHONE).silent().presses("2").presses("1");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsSubsequence("outage-announcement", "main-menu", "fault-registered");
    assertThat(crm.faults).singleElement().satisfies(f ->
        assertThat(f.outages()).isEqualTo(new ServiceRequests.OutagesKnown.Announced("out-8", "a fallen tree")));
  }

  @Test
  void faultReportedWhenTheOutageRegisterFailedDoesNotClaimThereWasNoOutage() {
    outages.down = true;
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("1");

    run(caller);

    assertThat(crm.faults).singleElement()
        .satisfies(f -> assertThat(f.outages()).isEqualTo(new ServiceRequests.OutagesKnown.NotChecked()));
  }

  @Test
  void unreachableCrmStillLetsTheCallerIdentifyAnotherWay() {
    crm.down = true;
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).silent().presses("0").presses("0");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsSubsequence("welcome", "ask-identifier", "main-menu", "goodbye");
    assertThat(events.steps()).filteredOn(s -> s.node().equals("recognise")).extracting(IvrEvent.StepTaken::outcome)
        .containsExactly("error");
  }

  @Test
  void postCallSurveyRecordsAScoreFromOneToFiveForTheLineAndOperatorOnTheChannel() {
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE).presses("7").presses("4");
    caller.variables.putAll(Map.of("CC_LINE", "2", "CC_OPERATOR", "op1002", "CC_CUSTOMER", "cust-1", "CC_LANGUAGE", "ru"));

    assertThat(engine(WEDNESDAY_10).survey("survey").run(caller).succeeded()).isTrue();

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("survey", "survey-range", "survey", "survey-thanks", "goodbye");
    assertThat(caller.heard()).as("in the language the caller chose in the IVR").last().asString()
        .contains("До свидания");
    assertThat(events.recorded).filteredOn(IvrEvent.SurveyAnswered.class::isInstance).singleElement()
        .satisfies(e -> {
          IvrEvent.SurveyAnswered a = (IvrEvent.SurveyAnswered) e;
          assertThat(a.score()).isEqualTo(4);
          assertThat(a.line()).isEqualTo(2);
          assertThat(a.operatorId()).isEqualTo("op1002");
          assertThat(a.customerId()).isEqualTo("cust-1");
        });
    assertThat(events.recorded).noneMatch(e -> e instanceof IvrEvent.SessionStarted || e instanceof IvrEvent.SessionEnded);
  }

  @Test
  void aCallerWhoOptsInIsSurveyedOnALineThatDoesNotAskEveryone() {
    IvrMenu offering = new IvrMenu("offer", "op", 3, IvrMenu.DEFAULT_TIMEOUT, "en",
        Map.of("en", Map.of("invalid", "x", "no-input", "y", "offer", "To rate this call afterwards, press 1.")),
        Map.of("offer", new MenuNode("offer", "offer", Map.of("1", "accept", "2", "op"), null, null, "op", null),
            "accept", new ActionNode("accept", "accept-survey", Map.of("accepted", "op"), null),
            "op", new TransferNode("op", null, "contacts", null, null, null, null, null)));
    Clock clock = Clock.fixed(WEDNESDAY_10, OSLO);
    PhoneNumbers phones = new PhoneNumbers("NO");
    Steps noSurveyLines = new Steps(new UtilityActions(crm, outages, crm, crm, phones, OSLO, clock),
        Catalogues.of(config).topics(), acd, line -> true, crm, Path.of("data/voicemail"), Set.of());
    IvrEngine engine = new IvrEngine(() -> offering, noSurveyLines, Fakes.textPrompts(), events, phones, clock);

    ScriptedCaller accepts = new ScriptedCaller(ANNA_PHONE).presses("1");
    ScriptedCaller declines = new ScriptedCaller(ANNA_PHONE).presses("2");
    assertThat(engine.run(accepts).succeeded()).isTrue();
    assertThat(engine.run(declines).succeeded()).isTrue();

    assertThat(accepts.variables).containsEntry("CC_NEXT", "wait").containsEntry("CC_SURVEY", "yes");
    assertThat(declines.variables).containsEntry("CC_NEXT", "wait").doesNotContainKey("CC_SURVEY");
  }

  @Test
  void withheldNumberIsAnUnknownCaller() {
    ScriptedCaller caller = new ScriptedCaller(null).silent().presses("0").presses("0");

    run(caller);

    assertThat(caller.heard()).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("choose-language", "welcome", "ask-identifier", "main-menu", "goodbye");
    assertThat(events.ended().callerNumber()).isNull();
  }

  @Test
  void aMenuGoingRoundInCirclesIsCutOffAndTheCallEnded() {
    IvrMenu loop = new IvrMenu("a", "op", 3, IvrMenu.DEFAULT_TIMEOUT, "en",
        Map.of("en", Map.of("invalid", "x", "no-input", "y", "p", "z")),
        Map.of("a", new org.gridcare.ivr.domain.PlayNode("a", "p", "b", Map.of()),
            "b", new org.gridcare.ivr.domain.PlayNode("b", "p", "a", Map.of()),
            "op", new org.gridcare.ivr.domain.TransferNode("op", null, "contacts", null, null, null, null, null)));
    Clock clock = Clock.fixed(WEDNESDAY_10, OSLO);
    PhoneNumbers phones = new PhoneNumbers("NO");
    Steps steps = new Steps(new UtilityActions(crm, outages, crm, crm, phones, OSLO, clock),
        Catalogues.of(config).topics(), acd, line -> true, crm, Path.of("data/voicemail"), Set.of(1));
    ScriptedCaller caller = new ScriptedCaller(ANNA_PHONE);

    assertThat(new IvrEngine(() -> loop, steps, Fakes.textPrompts(), events, phones, clock).run(caller).succeeded())
        .isTrue();

    assertThat(caller.heard()).hasSize(IvrEngine.MAX_STEPS);
    assertThat(caller.hungUpByIvr).isTrue();
    assertThat(events.ended().ending()).isEqualTo(Ending.FAILED);
  }

  @Test
  void choosingRussianSwitchesThePromptsAndFallsBackToEnglishWhereNoTranslationExists() {
    ScriptedCaller caller = new ScriptedCaller(UNKNOWN_PHONE).presses("2").presses("0").presses("0");

    run(caller);

    assertThat(caller.heard()).anyMatch(p -> p.startsWith("welcome: Если есть угроза жизни"))
        .anyMatch(p -> p.startsWith("main-menu: Чтобы сообщить об отключении"));
    assertThat(events.recorded.get(0)).isInstanceOf(IvrEvent.SessionStarted.class);
  }
}
