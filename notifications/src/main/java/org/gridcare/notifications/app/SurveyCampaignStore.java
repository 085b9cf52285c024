package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.SurveyCampaign;
import org.gridcare.notifications.domain.SurveyCampaignState;
import org.gridcare.notifications.domain.SurveyProgress;

/** Survey campaigns, their numbers on the call list and their answers; every change journalled with it. */
public interface SurveyCampaignStore {

  /** Stores the campaign and one call per number ({@code notify.survey.campaign.started}). */
  Future<Void> create(SurveyCampaign campaign, List<Recipient> numbers);

  Future<Optional<SurveyCampaign>> get(UUID id);

  /** The campaigns of these lines (null: all), newest first. */
  Future<List<SurveyCampaign>> list(Set<Integer> lines);

  /**
   * Moves the campaign from its current state to {@code next} (409 when another request moved it first); cancelling
   * drops the calls not made yet. Journalled as {@code notify.survey.campaign.<paused|resumed|cancelled>}.
   */
  Future<SurveyCampaign> changeState(SurveyCampaign campaign, SurveyCampaignState next, String action, String actor);

  Future<Optional<SurveyProgress>> progress(UUID id);

  /** One answer of a person on a survey call ({@code notify.survey.answered}). */
  Future<Void> answered(OutboxCall call, SurveyCampaign campaign, String callId, String question, int answer);

  /**
   * The survey call is over for the script: a machine (outcome MACHINE) or a person (ANSWERED) who completed every
   * question or not ({@code notify.survey.completed} / {@code notify.survey.refused} with the number of answers).
   */
  Future<Void> ended(OutboxCall call, SurveyCampaign campaign, String callId, boolean machine, boolean completed,
      int answers);
}
