package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gridcare.notifications.domain.PhoneSurvey;
import org.gridcare.notifications.domain.SurveyCampaign;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code survey-out} script of an answered survey call ({@code cc-survey-out}, after {@code AMD()}). A machine
 * hears nothing and the call ends as MACHINE. A person (or an undecided {@code NOTSURE}) hears the intro and each
 * question in the call's language and answers with one key (during the question or within {@link #ANSWER_TIME} after
 * it; a wrong key or silence asks once more); every answer is journalled as it is given. The call ends COMPLETED
 * after the last answer (then the thanks), REFUSED when the person hangs up or leaves a question unanswered.
 */
public final class SurveyScript implements CallScript {
  public static final String NAME = "survey-out";
  static final Duration ANSWER_TIME = Duration.ofSeconds(6);
  private static final int ASKS = 2;
  private static final Logger LOG = LoggerFactory.getLogger(SurveyScript.class);

  private final CallOutbox calls;
  private final SurveyCampaignStore campaigns;
  private final Function<String, Optional<PhoneSurvey>> surveys;
  private final Speech speech;

  public SurveyScript(CallOutbox calls, SurveyCampaignStore campaigns, Function<String, Optional<PhoneSurvey>> surveys,
      Speech speech) {
    this.calls = calls;
    this.campaigns = campaigns;
    this.surveys = surveys;
    this.speech = speech;
  }

  @Override
  public Future<Void> run(CallSession session) {
    String callId = session.info() != null && session.info().call() != null ? session.info().call().value() : null;
    return session.getVariable(VoiceDialler.CALL_VARIABLE)
        .compose(id -> calls.find(Long.parseLong(id.filter(v -> v.matches("\\d{1,18}")).orElseThrow(() ->
            DomainException.invalid("not-a-survey-call", VoiceDialler.CALL_VARIABLE + " is not set")))))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("no-such-call", "No survey call")))
        .compose(call -> campaigns.get(call.campaignId()).compose(c -> {
          SurveyCampaign campaign = c.orElseThrow(() -> DomainException.notFound("no-such-survey-campaign",
              "No survey campaign " + call.campaignId()));
          PhoneSurvey survey = surveys.apply(campaign.survey()).orElseThrow(() -> DomainException.notFound(
              "unknown-survey", "Survey " + campaign.survey() + " is no longer configured"));
          return session.getVariable("AMDSTATUS").compose(amd -> "MACHINE".equals(amd.orElse(""))
              ? campaigns.ended(call, campaign, callId, true, false, 0)
              : new Interview(session, call, campaign, survey, callId).run());
        }))
        .onFailure(e -> LOG.warn("survey call failed: {}", e.toString()))
        .eventually(() -> session.hungUp() ? Future.succeededFuture() : session.hangUp());
  }

  /** One person's survey. */
  private final class Interview {
    private final CallSession session;
    private final OutboxCall call;
    private final SurveyCampaign campaign;
    private final PhoneSurvey survey;
    private final String callId;
    private int answers;

    Interview(CallSession session, OutboxCall call, SurveyCampaign campaign, PhoneSurvey survey, String callId) {
      this.session = session;
      this.call = call;
      this.campaign = campaign;
      this.survey = survey;
      this.callId = callId;
    }

    Future<Void> run() {
      return say(survey.intro(), "")
          .compose(v -> ask(survey.questions(), 0))
          .compose(completed -> completed ? say(survey.thanks(), "").map(true) : Future.succeededFuture(false))
          .recover(e -> {
            if (e instanceof CallerHungUp || session.hungUp()) {
              return Future.succeededFuture(answers == survey.questions().size());
            }
            // a failure after answers were given ends the survey there: calling again would ask (and count) them twice
            LOG.warn("survey call {} failed after {} answers: {}", call.id(), answers, e.toString());
            return answers > 0 ? Future.succeededFuture(false) : Future.failedFuture(e);
          })
          .compose(completed -> campaigns.ended(call, campaign, callId, false, completed, answers));
    }

    /** True when every question from {@code index} on was answered. */
    private Future<Boolean> ask(List<PhoneSurvey.Question> questions, int index) {
      if (index == questions.size()) {
        return Future.succeededFuture(true);
      }
      PhoneSurvey.Question q = questions.get(index);
      return answer(q, 1).compose(a -> a == null ? Future.succeededFuture(false)
          : campaigns.answered(call, campaign, callId, q.id(), a).compose(v -> {
            answers++;
            return ask(questions, index + 1);
          }));
    }

    /** The answer a key gives, asking up to {@link #ASKS} times; null when none came. */
    private Future<Integer> answer(PhoneSurvey.Question q, int asked) {
      return say(q.text(), q.keys())
          .compose(key -> key.isPresent() ? Future.succeededFuture(key) : session.waitForDigit(ANSWER_TIME))
          .compose(key -> {
            Integer a = key.map(q::answer).orElse(null);
            return a != null || asked >= ASKS ? Future.succeededFuture(a) : answer(q, asked + 1);
          });
    }

    private Future<Optional<Character>> say(java.util.Map<String, String> texts, String keys) {
      return speech.render(texts.get(call.language()), call.language()).compose(prompt -> session.play(prompt, keys));
    }
  }
}
