package org.gridcare.server.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * A caller who asks for a line outside its opening hours is offered voicemail instead of a queue. Line 2's hours
 * are set to closed every day (a map in contact-centre.yaml: no environment variable can override its entries).
 */
@RealServers
class IvrClosedHoursTest {
  private static final String LINE_2_HOURS =
      "hours: {mon: \"08:00-20:00\", tue: \"08:00-20:00\", wed: \"08:00-20:00\", thu: \"08:00-20:00\", fri: \"08:00-18:00\", sat: closed, sun: closed}";

  @Test
  void callerAskingForAClosedLineLeavesAVoicemail(StorageSettings storage) throws Exception {
    try (IvrCentre centre = IvrCentre.start(storage, yaml -> {
      assertThat(yaml).contains(LINE_2_HOURS);
      return yaml.replace(LINE_2_HOURS,
          "hours: {mon: closed, tue: closed, wed: closed, thu: closed, fri: closed, sat: closed, sun: closed}");
    })) {
      WireCaller caller = new WireCaller(centre.simulator().placeCall("+4798765432", "80012345"));
      caller.hear(centre.staticPrompt("en", "choose-language"));
      caller.press("1");
      caller.hear(centre.staticPrompt("en", "ask-identifier"));
      caller.press("0");
      caller.hear(centre.staticPrompt("en", "main-menu"));
      caller.press("4");
      caller.hear(centre.staticPrompt("en", "operator-menu"));
      caller.press("3"); // meters and readings: line 2
      assertThat(caller.hearNext()).isEqualTo(centre.staticPrompt("en", "line-closed"));
      assertThat(caller.hearNext()).isEqualTo(centre.staticPrompt("en", "voicemail"));
      caller.hear("beep"); // the caller speaks for a second; five seconds of silence end the message
      caller.hear(centre.staticPrompt("en", "voicemail-saved"));
      caller.awaitHungUp();

      String call = caller.callId();
      assertThat(centre.step(call, "transfer-metering").getString("outcome")).isEqualTo("line-closed");
      assertThat(centre.count("SELECT count(*) FROM journal WHERE type = 'acd.call.queued' AND call_id = $1", call))
          .as("never queued on the closed line").isZero();
      IvrFlowsTest.assertVoicemailTicket(centre, call);
    }
  }
}
