package org.gridcare.server.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.ivr.IvrCentre.await;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.MeterReading;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.domain.Area;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped menu (config/ivr.yaml) walked by scripted callers on the PBX simulator, over real AMI and FastAGI into
 * the running centre, on real PostgreSQL and Redis with the CRM's sample customers. Each flow is checked by what it
 * leaves behind: the IVR's journal (steps and how the session ended) and the rows of the modules it called.
 *
 * <p>Sample customer {@code i} calls from {@code +479} + (1000000 + 13 i) and owns GSRN
 * {@link SampleCustomers#gsrn(int, int) gsrn(i, 0)}; customers {@code i % 3 == 0} live in Oslo, where one postcode
 * has an outage, so the other flows use Bergen and Tromsø customers. Closed hours need another configuration:
 * {@link IvrClosedHoursTest}.
 */
@RealServers
class IvrFlowsTest {
  private static final String TOLL_FREE = "80012345";
  private static final String UNKNOWN_NUMBER = "+4798765432";
  private static IvrCentre centre;
  private static UUID outage;
  private static Instant outageStart;
  private static Instant outageRestoration;

  @BeforeAll
  static void start(StorageSettings storage) throws Exception {
    centre = IvrCentre.start(storage, UnaryOperator.identity());
    assertThat(await(centre.cc.crm().loadSampleData(60), 60)).isEqualTo(60);
    String osloPostcode = centre.customerByPhone(mobile(0)).getString("postcode");
    outageStart = Instant.now().minus(Duration.ofMinutes(20));
    outageRestoration = Instant.now().plus(Duration.ofHours(3));
    outage = await(centre.cc.notifications().outages().report(new ReportOutage(Area.ofPostcodes(osloPostcode),
        "a fallen tree", outageStart, outageRestoration, "test", null)), 30).id();
  }

  @AfterAll
  static void stop() throws Exception {
    if (centre != null) {
      centre.close();
    }
  }

  @Test
  void recognisedCallerHearsTheOutageInTheirAreaAndSubscribesToTheRestorationSms() throws Exception {
    Row customer = centre.customerByPhone(mobile(0));
    WireCaller caller = englishCaller(mobile(0));
    assertThat(caller.hearNext()).as("greeted by name")
        .isEqualTo(centre.personalPrompt("en", "Hello " + customer.getString("name") + "."));
    assertThat(caller.hearNext()).as("the outage is announced before the menu").isEqualTo(centre.spoken("en",
        "There is an unplanned power outage in your area, caused by a fallen tree, since " + osloTime(outageStart)
            + ". Power is expected back at " + osloTime(outageRestoration) + ". To get a text message when power is "
            + "back, press 1. If your problem is different, press 2."));
    caller.press("1");
    caller.hear(prompt("sms-confirmed"));
    caller.hear(prompt("goodbye"));
    caller.awaitHungUp();

    String call = caller.callId();
    Row completed = centre.completed(call);
    assertThat(completed.getJsonObject("data").getString("ending")).isEqualTo("self-served");
    assertThat(completed.getJsonObject("data").getString("flow")).isEqualTo("subscribe-restoration-sms");
    assertThat(completed.getString("customer_id")).isEqualTo(customer.getLong("id").toString());
    assertThat(centre.step(call, "recognise").getString("outcome")).isEqualTo("one");
    assertThat(centre.step(call, "outages").getString("outcome")).isEqualTo("found");
    assertThat(centre.step(call, "announce-outage").getString("key")).isEqualTo("1");
    assertThat(centre.step(call, "subscribe-sms").getString("outcome")).isEqualTo("subscribed");
    assertThat(nodes(call)).doesNotContain("main-menu");
    List<Row> subscriptions = centre.rows("SELECT phone, customer_id FROM notify_subscription WHERE outage_id = $1", outage);
    assertThat(subscriptions).hasSize(1);
    assertThat(subscriptions.get(0).getString("phone")).isEqualTo(mobile(0));
    assertThat(subscriptions.get(0).getString("customer_id")).isEqualTo(customer.getLong("id").toString());
  }

  @Test
  void recognisedCallerWithoutAnOutageGoesStraightToTheMainMenu() throws Exception {
    Row customer = centre.customerByPhone(mobile(1));
    WireCaller caller = englishCaller(mobile(1));
    assertThat(caller.hearNext()).isEqualTo(centre.personalPrompt("en", "Hello " + customer.getString("name") + "."));
    assertThat(caller.hearNext()).isEqualTo(prompt("main-menu"));
    caller.press("0");
    caller.hear(prompt("goodbye"));
    caller.awaitHungUp();

    String call = caller.callId();
    assertThat(centre.step(call, "outages").getString("outcome")).isEqualTo("none");
    assertThat(centre.step(call, "main-menu").getString("key")).isEqualTo("0");
    assertThat(centre.completed(call).getJsonObject("data").getString("ending")).isEqualTo("ended");
    assertThat(centre.count("SELECT count(*) FROM notify_subscription WHERE phone = $1", mobile(1))).isZero();
  }

  @Test
  void unknownCallerIsAskedForAnIdentifierAndAWrongGsrnCheckDigitIsCaughtAtOnce() throws Exception {
    WireCaller caller = englishCaller(UNKNOWN_NUMBER);
    assertThat(caller.hearNext()).as("no greeting: asked who they are").isEqualTo(prompt("ask-identifier"));
    caller.press("2");
    caller.hear(prompt("enter-gsrn"));
    String gsrn = SampleCustomers.gsrn(2, 0).value();
    caller.press(wrongCheckDigit(gsrn) + "#");
    assertThat(caller.hearNext()).as("re-prompted at once, before any look-up").isEqualTo(prompt("gsrn-invalid"));
    assertThat(caller.hearNext()).isEqualTo(prompt("enter-gsrn"));
    caller.press(gsrn + "#");
    Row customer = centre.customerByPhone(mobile(2));
    assertThat(caller.hearNext()).as("identified by the metering point")
        .isEqualTo(centre.personalPrompt("en", "Hello " + customer.getString("name") + "."));
    caller.hear(prompt("main-menu"));
    caller.hangUp();

    String call = caller.callId();
    assertThat(centre.step(call, "recognise").getString("outcome")).isEqualTo("none");
    List<JsonObject> gsrnSteps = centre.steps(call).stream().filter(s -> "collect-gsrn".equals(s.getString("node"))).toList();
    assertThat(gsrnSteps).extracting(s -> s.getString("input") + "/" + s.getString("outcome") + "/" + s.getInteger("attempt"))
        .containsExactly("invalid/retry/1", "digits/find-by-gsrn/2");
    assertThat(gsrnSteps.toString()).as("typed digits are never journaled").doesNotContain(gsrn.substring(0, 12));
    assertThat(centre.step(call, "find-by-gsrn").getString("outcome")).isEqualTo("found");
    assertThat(centre.completed(call).getString("customer_id")).isEqualTo(customer.getLong("id").toString());
  }

  @Test
  void unknownCallerIsIdentifiedByTheDigitsOfTheirCustomerNumber() throws Exception {
    Row customer = centre.customerByPhone(mobile(11));
    String digits = customer.getString("number").replaceAll("[^0-9]", ""); // printed as C100012: keys for digits only
    WireCaller caller = englishCaller(UNKNOWN_NUMBER);
    caller.hear(prompt("ask-identifier"));
    caller.press("1");
    caller.hear(prompt("enter-customer-number"));
    caller.press(digits + "#");
    assertThat(caller.hearNext()).isEqualTo(centre.personalPrompt("en", "Hello " + customer.getString("name") + "."));
    caller.hear(prompt("main-menu"));
    caller.hangUp();

    String call = caller.callId();
    assertThat(centre.step(call, "find-by-number").getString("outcome")).isEqualTo("found");
    assertThat(centre.completed(call).getString("customer_id")).isEqualTo(customer.getLong("id").toString());
  }

  @Test
  void applicationStatusIsFoundByTheDigitsOfTheApplicationNumber() throws Exception {
    Row customer = centre.customerByPhone(mobile(13));
    String number = await(centre.cc.crm().applications().submit(customer.getLong("id"), "11", "test", Instant.now()), 30)
        .number();
    WireCaller caller = englishCaller(mobile(13));
    caller.hear(prompt("main-menu"));
    caller.press("3");
    caller.hear(prompt("enter-application-number"));
    caller.press(number.replaceAll("[^0-9]", "") + "#");
    assertThat(caller.hearNext()).isEqualTo(centre.spoken("en",
        "Your application is at the stage: application received. Next step: site survey."));
    caller.hear(prompt("goodbye"));
    caller.awaitHungUp();

    String call = caller.callId();
    assertThat(centre.step(call, "application-status").getString("outcome")).isEqualTo("found");
    assertThat(centre.completed(call).getJsonObject("data").getString("flow")).isEqualTo("application-status");
  }

  @Test
  void noInputThreeTimesTakesTheCallerToTheOperatorQueue() throws Exception {
    WireCaller caller = englishCaller(UNKNOWN_NUMBER);
    caller.hear(prompt("ask-identifier"));
    caller.press("0");
    caller.hear(prompt("main-menu"));
    // silence: the menu apologises and asks again twice, then gives up to the operator
    caller.hear(prompt("no-input"));
    caller.hear(prompt("main-menu"));
    caller.hear(prompt("no-input"));
    caller.hear(prompt("main-menu"));
    caller.hear(prompt("connecting"));

    String call = caller.callId();
    Row completed = centre.completed(call);
    assertThat(completed.getJsonObject("data").getString("ending")).isEqualTo("transferred");
    assertThat(completed.getJsonObject("data").getString("topic")).isEqualTo("contacts");
    assertThat(completed.getInteger("line")).isEqualTo(1);
    assertThat(centre.steps(call).stream().filter(s -> "main-menu".equals(s.getString("node")))
        .map(s -> s.getString("input") + "/" + s.getString("outcome")))
        .containsExactly("no-input/retry", "no-input/retry", "no-input/gave-up");
    assertThat(centre.step(call, "operator").getString("outcome")).isEqualTo("queued-line-1");
    TestCentre.eventually("the call is queued on line 1", () -> centre.count(
        "SELECT count(*) FROM journal WHERE type = 'acd.call.queued' AND call_id = $1 AND line = 1", call) == 1);
    caller.hangUp();
  }

  @Test
  void meterReadingIsReadBackConfirmedAndStoredWithTheCall() throws Exception {
    String gsrn = SampleCustomers.gsrn(4, 0).value();
    WireCaller caller = englishCaller(mobile(4));
    caller.hear(prompt("main-menu"));
    caller.press("2");
    caller.hear(prompt("enter-gsrn"));
    caller.press(gsrn + "#"); // as the prompt asks: the hash must not leak into the next input as "no key"
    caller.hear(prompt("enter-reading"));
    caller.press("12345#");
    assertThat(caller.hearNext()).as("the reading read back").isEqualTo(
        centre.spoken("en", "You entered 12345 kilowatt hours. To confirm, press 1. To enter it again, press 2."));
    caller.press("1");
    caller.hear(prompt("reading-stored"));
    caller.hear(prompt("goodbye"));
    caller.awaitHungUp();

    String call = caller.callId();
    List<Row> stored = centre.rows("SELECT gsrn, kwh, source FROM crm_meter_reading WHERE call_id = $1", call);
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).getString("gsrn")).isEqualTo(gsrn);
    assertThat(stored.get(0).getBigDecimal("kwh")).isEqualByComparingTo("12345");
    assertThat(stored.get(0).getString("source")).isEqualTo("ivr");
    assertThat(centre.step(call, "check-reading").getString("outcome")).isEqualTo("plausible");
    Row completed = centre.completed(call);
    assertThat(completed.getJsonObject("data").getString("ending")).isEqualTo("self-served");
    assertThat(completed.getJsonObject("data").getString("flow")).isEqualTo("store-meter-reading");
  }

  @Test
  void implausibleReadingsAreRefusedAndNothingIsStoredWhenTheCallerHangsUpMidInput() throws Exception {
    String gsrn = SampleCustomers.gsrn(5, 0).value();
    await(centre.cc.crm().readings().submit(new MeterReading(SampleCustomers.gsrn(5, 0), BigDecimal.valueOf(20_000),
        Instant.now().minus(Duration.ofDays(30)), "operator", null), null), 30);
    WireCaller caller = englishCaller(mobile(5));
    caller.hear(prompt("main-menu"));
    caller.press("2");
    caller.hear(prompt("enter-gsrn"));
    caller.press(gsrn); // no hash: the full entry is taken when the caller stops typing
    caller.hear(prompt("enter-reading"));
    caller.press("15000#"); // below the last reading
    assertThat(caller.hearNext()).isEqualTo(centre.spoken("en", "The reading 15000 is lower than the last reading we "
        + "have, 20000. Please check the meter and enter the reading again."));
    caller.hear(prompt("enter-reading"));
    caller.press("90000#"); // 70 000 kWh in a month: far above what the household uses
    assertThat(caller.hearNext()).isEqualTo(centre.spoken("en", "The reading 90000 is much higher than we expected. "
        + "If it is correct, press 1. To enter it again, press 2."));
    caller.press("2");
    caller.hear(prompt("enter-reading"));
    caller.press("20");
    caller.hangUp(); // in the middle of typing the reading

    String call = caller.callId();
    Row completed = centre.completed(call);
    assertThat(completed.getJsonObject("data").getString("ending")).isEqualTo("abandoned");
    assertThat(completed.getJsonObject("data").getString("lastNode")).isEqualTo("reading-value");
    assertThat(centre.steps(call).stream().filter(s -> "check-reading".equals(s.getString("node")))
        .map(s -> s.getString("outcome"))).containsExactly("below-last", "too-high");
    assertThat(centre.step(call, "confirm-high-reading").getString("key")).isEqualTo("2");
    assertThat(centre.count("SELECT count(*) FROM crm_meter_reading WHERE call_id = $1", call)).isZero();
    assertThat(centre.count("SELECT count(*) FROM crm_meter_reading WHERE gsrn = $1", gsrn)).isEqualTo(1);
    assertThat(centre.count("SELECT count(*) FROM crm_ticket_link WHERE kind = 'call' AND ref = $1", call)).isZero();
  }

  @Test
  void faultReportOpensAnOutageTicketForTheCallersArea() throws Exception {
    Row customer = centre.customerByPhone(mobile(7));
    WireCaller caller = englishCaller(mobile(7));
    caller.hear(prompt("main-menu"));
    caller.press("1");
    String registered = caller.hearNext();
    caller.hear(prompt("goodbye"));
    caller.awaitHungUp();

    String call = caller.callId();
    List<Row> tickets = centre.rows("SELECT t.number, t.topic, t.source, t.customer_id, t.line, t.description "
        + "FROM crm_ticket t JOIN crm_ticket_link l ON l.ticket_id = t.id WHERE l.kind = 'call' AND l.ref = $1", call);
    assertThat(tickets).hasSize(1);
    assertThat(tickets.get(0).getString("topic")).isEqualTo("outage");
    assertThat(tickets.get(0).getString("description")).contains("no known outage covered the caller's area");
    assertThat(tickets.get(0).getString("source")).isEqualToIgnoringCase("ivr");
    assertThat(tickets.get(0).getLong("customer_id")).isEqualTo(customer.getLong("id"));
    assertThat(registered).as("the caller hears the ticket's number").isEqualTo(centre.spoken("en", "Thank you. Your "
        + "fault report has been registered with number " + tickets.get(0).getString("number")
        + ". Our crews have been informed."));
    assertThat(centre.step(call, "report-fault").getString("outcome")).isEqualTo("created");
    Row completed = centre.completed(call);
    assertThat(completed.getJsonObject("data").getString("ending")).isEqualTo("self-served");
    assertThat(completed.getJsonObject("data").getString("flow")).isEqualTo("report-fault");
  }

  @Test
  void aRussianCallerHearsRussianSpeechFromTheConfiguredEngineNotFreeTts() throws Exception {
    WireCaller caller = new WireCaller(centre.simulator().placeCall(UNKNOWN_NUMBER, TOLL_FREE));
    caller.hear(prompt("choose-language"));
    caller.press("2");

    String welcome = caller.hearNext();
    assertThat(welcome).isEqualTo(centre.staticPrompt("ru", "welcome")).isNotEqualTo(prompt("welcome"));
    assertThat(centre.cc.ivr().speech().tts().name("ru")).startsWith("command/espeak-ng");
    byte[] wav = Files.readAllBytes(Path.of(welcome + ".wav"));
    javax.sound.sampled.AudioFormat format = javax.sound.sampled.AudioSystem
        .getAudioFileFormat(new java.io.ByteArrayInputStream(wav)).getFormat();
    assertThat(format.getSampleRate()).isEqualTo(8000f);
    assertThat(format.getChannels()).isEqualTo(1);
    assertThat(format.getSampleSizeInBits()).isEqualTo(16);
    caller.hangUp();
  }

  /**
   * A recognised caller who chooses Russian hears the greeting, the outage in their area (cause, start and an
   * estimated restoration tomorrow, worded and dated in Russian) and the menu as the Russian texts, each rendered by the
   * Russian engine: the sound files are the TTS cache's renderings of exactly those Russian texts.
   */
  @Test
  void aRussianCallerHearsTheGreetingAndTheOutageAnnouncementInRussian() throws Exception {
    String osloPostcode = centre.customerByPhone(mobile(0)).getString("postcode");
    int customerIndex = java.util.stream.IntStream.iterate(3, i -> i < 60, i -> i + 3)
        .filter(i -> !postcode(i).equals(osloPostcode)).findFirst().orElseThrow();
    Row customer = centre.customerByPhone(mobile(customerIndex));
    Instant start = Instant.now().minus(Duration.ofMinutes(10));
    Instant restoration = Instant.now().plus(Duration.ofHours(26));
    await(centre.cc.notifications().outages().report(new ReportOutage(Area.ofPostcodes(customer.getString("postcode")),
        "повреждение кабеля", start, restoration, "test", null)), 30);

    WireCaller caller = new WireCaller(centre.simulator().placeCall(mobile(customerIndex), TOLL_FREE));
    caller.hear(prompt("choose-language"));
    caller.press("2");
    assertThat(caller.hearNext()).isEqualTo(centre.staticPrompt("ru", "welcome"));
    assertThat(caller.hearNext()).as("greeted by name in Russian")
        .isEqualTo(centre.personalPrompt("ru", "Здравствуйте, " + customer.getString("name") + "."));
    String restorationSaid = russianTime(restoration);
    assertThat(restorationSaid).matches("\\d{1,2} [а-я]+ в \\d{2}:\\d{2}");
    assertThat(caller.hearNext()).as("the outage announced in Russian").isEqualTo(centre.spoken("ru",
        "В вашем районе аварийное отключение электроэнергии с " + russianTime(start) + ", причина: повреждение кабеля. "
            + "Ориентировочное время восстановления: " + restorationSaid + ". Чтобы получить эсэмэс, когда "
            + "электроснабжение восстановится, нажмите 1. Если ваш вопрос не связан с отключением, нажмите 2."));
    caller.press("2");
    assertThat(caller.hearNext()).isEqualTo(centre.staticPrompt("ru", "main-menu"));
    caller.press("0");
    assertThat(caller.hearNext()).isEqualTo(centre.staticPrompt("ru", "goodbye"));
    caller.awaitHungUp();

    assertThat(centre.cc.ivr().speech().tts().name("ru")).startsWith("command/espeak-ng");
    String call = caller.callId();
    assertThat(centre.step(call, "choose-language").getString("key")).isEqualTo("2");
    assertThat(centre.step(call, "outages").getString("outcome")).isEqualTo("found");
    assertThat(centre.step(call, "announce-outage").getString("key")).isEqualTo("2");
  }

  @Test
  void faultReportedAfterHearingTheOutageNamesThatOutageInTheTicket() throws Exception {
    WireCaller caller = englishCaller(mobile(0));
    caller.hear(centre.spoken("en", "There is an unplanned power outage in your area, caused by a fallen tree, since "
        + osloTime(outageStart) + ". Power is expected back at " + osloTime(outageRestoration) + ". To get a text "
        + "message when power is back, press 1. If your problem is different, press 2."));
    caller.press("2");
    caller.hear(prompt("main-menu"));
    caller.press("1");
    caller.hear(prompt("goodbye"));
    caller.awaitHungUp();

    List<Row> tickets = centre.rows("SELECT t.description FROM crm_ticket t JOIN crm_ticket_link l "
        + "ON l.ticket_id = t.id WHERE l.kind = 'call' AND l.ref = $1", caller.callId());
    assertThat(tickets).hasSize(1);
    assertThat(tickets.get(0).getString("description"))
        .contains("told of the known outage " + outage, "a fallen tree").doesNotContain("no known outage");
  }

  @Test
  void voicemailOnRequestBecomesACallBackTicketWithTheRecording() throws Exception {
    WireCaller caller = englishCaller(UNKNOWN_NUMBER);
    caller.hear(prompt("ask-identifier"));
    caller.press("0");
    caller.hear(prompt("main-menu"));
    caller.press("5");
    caller.hear(prompt("voicemail"));
    caller.hear("beep"); // the caller speaks for a second; five seconds of silence end the message
    caller.hear(prompt("voicemail-saved"));
    caller.hear(prompt("goodbye"));
    caller.awaitHungUp();

    assertVoicemailTicket(centre, caller.callId());
  }

  /** The call left a message: a call-back ticket linked to the call, naming a recording that exists. */
  static void assertVoicemailTicket(IvrCentre centre, String call) throws Exception {
    List<Row> tickets = centre.rows("SELECT t.topic, t.description FROM crm_ticket t "
        + "JOIN crm_ticket_link l ON l.ticket_id = t.id WHERE l.kind = 'call' AND l.ref = $1", call);
    assertThat(tickets).hasSize(1);
    assertThat(tickets.get(0).getString("topic")).isEqualTo("voicemail-callback");
    String description = tickets.get(0).getString("description");
    String file = description.substring(description.indexOf('(') + 1, description.indexOf(".wav)") + 4);
    assertThat(Path.of(file)).as("the recorded message").exists();
    assertThat(Files.size(Path.of(file))).isGreaterThan(44);
    assertThat(centre.step(call, "voicemail").getString("outcome")).isEqualTo("registered");
    assertThat(centre.completed(call).getJsonObject("data").getString("ending")).isEqualTo("voicemail");
  }

  /**
   * Hanging up while an input node listens ends the session as abandoned at that node, with nothing half written.
   * {@code path}: the prompts heard in order, each with the keys pressed when it plays ({@code prompt=keys}); the
   * last one's keys are a partial input, and the caller hangs up right after them.
   */
  @ParameterizedTest(name = "hang-up at {0}")
  @CsvSource({
      "choose-language, choose-language",
      "ask-identifier, choose-language=1 ask-identifier",
      "collect-customer-number, choose-language=1 ask-identifier=1 enter-customer-number=1000",
      "collect-gsrn, choose-language=1 ask-identifier=2 enter-gsrn=707057500",
      "main-menu, choose-language=1 ask-identifier=0 main-menu",
      "operator-menu, choose-language=1 ask-identifier=0 main-menu=4 operator-menu",
      "application-number, choose-language=1 ask-identifier=0 main-menu=3 enter-application-number=12",
      "reading-gsrn, choose-language=1 ask-identifier=0 main-menu=2 enter-gsrn=7070575",
  })
  void hangingUpInAnInputNodeAbandonsTheSessionThere(String node, String path) throws Exception {
    WireCaller caller = new WireCaller(centre.simulator().placeCall(UNKNOWN_NUMBER, TOLL_FREE));
    for (String hop : path.split(" ")) {
      String[] promptAndKeys = hop.split("=");
      caller.hear(prompt(promptAndKeys[0]));
      if (promptAndKeys.length > 1) {
        caller.press(promptAndKeys[1]);
      }
    }
    caller.hangUp();

    String call = caller.callId();
    Row completed = centre.completed(call);
    assertThat(completed.getJsonObject("data").getString("ending")).isEqualTo("abandoned");
    assertThat(completed.getJsonObject("data").getString("lastNode")).isEqualTo(node);
    assertThat(nodes(call)).as("no step journaled for the unfinished input").doesNotContain(node);
    assertThat(centre.count("SELECT count(*) FROM crm_ticket_link WHERE ref = $1", call)).isZero();
    assertThat(centre.count("SELECT count(*) FROM crm_meter_reading WHERE call_id = $1", call)).isZero();
    assertThat(centre.count("SELECT count(*) FROM journal WHERE type = 'acd.call.queued' AND call_id = $1", call)).isZero();
  }

  private static WireCaller englishCaller(String from) throws Exception {
    WireCaller caller = new WireCaller(centre.simulator().placeCall(from, TOLL_FREE));
    caller.hear(prompt("choose-language"));
    caller.press("1");
    caller.hear(prompt("welcome"));
    return caller;
  }

  private static String prompt(String id) throws Exception {
    return centre.staticPrompt("en", id);
  }

  private List<String> nodes(String call) throws Exception {
    return centre.steps(call).stream().map(s -> s.getString("node")).toList();
  }

  /** As callers hear a time: "14:30" today, "14:30 on 26 November" another day, in the centre's zone. */
  private static String osloTime(Instant t) {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    boolean today = t.atZone(oslo).toLocalDate().equals(LocalDate.now(oslo));
    return DateTimeFormatter.ofPattern(today ? "HH:mm" : "HH:mm 'on' d MMMM", Locale.ENGLISH).format(t.atZone(oslo));
  }

  /** As the Russian menu says a time: "14:30" today, "27 ноября в 14:30" another day. */
  private static String russianTime(Instant t) {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    boolean today = t.atZone(oslo).toLocalDate().equals(LocalDate.now(oslo));
    return DateTimeFormatter.ofPattern(today ? "HH:mm" : "d MMMM 'в' HH:mm", Locale.forLanguageTag("ru"))
        .format(t.atZone(oslo));
  }

  private static String postcode(int customer) {
    try {
      return centre.customerByPhone(mobile(customer)).getString("postcode");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String mobile(int customer) {
    return String.format("+479%07d", 1_000_000 + customer * 13);
  }

  private static String wrongCheckDigit(String gsrn) {
    char last = gsrn.charAt(17);
    return gsrn.substring(0, 17) + (char) ('0' + (last - '0' + 1) % 10);
  }
}
