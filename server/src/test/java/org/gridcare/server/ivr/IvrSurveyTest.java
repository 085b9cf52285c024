package org.gridcare.server.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.ivr.IvrCentre.await;

import io.vertx.sqlclient.Row;
import java.util.List;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimPhone;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The post-call survey on the wire: line 1 offers it ({@code ivr.survey.lines: [1]}); a caller walks the IVR to the
 * outage queue, operator op1001's softphone answers and is bridged by the ACD, and whoever hangs up first decides:
 * the operator → the caller goes on in cc-wait to cc-survey and scores the call; the caller → no survey.
 */
@RealServers
class IvrSurveyTest {
  private static final String SHIPPED_SURVEY = "survey: {lines: [1, 2, 3]}";
  private static IvrCentre centre;
  private static SimPhone softphone;

  @BeforeAll
  static void start(StorageSettings storage) throws Exception {
    centre = IvrCentre.start(storage, yaml -> {
      assertThat(yaml).contains(SHIPPED_SURVEY);
      return yaml.replace(SHIPPED_SURVEY, "survey: {lines: [1]}");
    });
    softphone = centre.simulator().phone("PJSIP/op1001").autoAnswer(true);
    await(centre.cc.acd().acd().login("op1001", "PJSIP/op1001"), 30);
  }

  @AfterAll
  static void stop() throws Exception {
    if (centre != null) {
      centre.close();
    }
  }

  @Test
  void operatorHangsUpFirstAndTheCallerScoresTheConversationForTheLineAndOperator() throws Exception {
    WireCaller caller = connectedToTheOperator("+4798765431");
    await(softphone.hangUp(), 10);

    caller.hear(centre.staticPrompt("en", "survey"));
    caller.press("4");
    caller.hear(centre.staticPrompt("en", "survey-thanks"));
    caller.hear(centre.staticPrompt("en", "goodbye"));
    caller.awaitHungUp();

    String call = caller.callId();
    TestCentre.eventually("the survey answer is journalled", () -> !answers(call).isEmpty());
    List<Row> answers = answers(call);
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).getJsonObject("data").getInteger("score")).isEqualTo(4);
    assertThat(answers.get(0).getInteger("line")).isEqualTo(1);
    assertThat(answers.get(0).getString("operator_id")).isEqualTo("op1001");
    assertThat(completed(call).getBoolean("survey")).isTrue();
    assertThat(centre.count("SELECT count(*) FROM journal WHERE type = 'ivr.completed' AND call_id = $1", call))
        .as("the survey is no second IVR session").isEqualTo(1);
  }

  @Test
  void callerHangsUpFirstAndIsNotSurveyed() throws Exception {
    WireCaller caller = connectedToTheOperator("+4798765432");
    caller.hangUp();
    await(softphone.currentCall().map(c -> c.awaitState(CallState.HUNG_UP))
        .orElse(io.vertx.core.Future.succeededFuture()), 10);

    String call = caller.callId();
    TestCentre.eventually("the conversation is completed", () -> !centre.rows(
        "SELECT 1 FROM journal WHERE type = 'acd.call.completed' AND call_id = $1", call).isEmpty());
    assertThat(completed(call).getBoolean("survey")).isFalse();
    assertThat(centre.steps(call)).extracting(s -> s.getString("node")).doesNotContain("survey", "record-survey");
    assertThat(answers(call)).isEmpty();
    assertThat(caller.call().prompts()).doesNotContain(centre.staticPrompt("en", "survey"));
  }

  /** An unknown caller asks for the outage operators (line 1); op1001 answers and is bridged. */
  private static WireCaller connectedToTheOperator(String from) throws Exception {
    await(centre.cc.acd().acd().ready("op1001"), 30);
    WireCaller caller = new WireCaller(centre.simulator().placeCall(from, "80012345"));
    caller.hear(centre.staticPrompt("en", "choose-language"));
    caller.press("1");
    caller.hear(centre.staticPrompt("en", "ask-identifier"));
    caller.press("0");
    caller.hear(centre.staticPrompt("en", "main-menu"));
    caller.press("4");
    caller.hear(centre.staticPrompt("en", "operator-menu"));
    caller.press("1");
    SimCall operatorLeg = await(softphone.awaitRinging(), 30);
    await(caller.call().awaitState(CallState.BRIDGED), 30);
    await(operatorLeg.awaitState(CallState.BRIDGED), 30);
    TestCentre.eventually("the answer is journalled", () -> !centre.rows(
        "SELECT 1 FROM journal WHERE type = 'acd.call.answered' AND call_id = $1", caller.callId()).isEmpty());
    return caller;
  }

  private static List<Row> answers(String call) throws Exception {
    return centre.rows("SELECT line, operator_id, data FROM journal WHERE type = 'ivr.survey.answered' AND call_id = $1",
        call);
  }

  private static io.vertx.core.json.JsonObject completed(String call) throws Exception {
    TestCentre.eventually("acd.call.completed of " + call, () -> !centre.rows(
        "SELECT 1 FROM journal WHERE type = 'acd.call.completed' AND call_id = $1", call).isEmpty());
    return centre.rows("SELECT data FROM journal WHERE type = 'acd.call.completed' AND call_id = $1", call).get(0)
        .getJsonObject("data");
  }
}
