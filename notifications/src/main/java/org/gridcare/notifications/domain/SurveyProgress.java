package org.gridcare.notifications.domain;

/**
 * Where a survey campaign's numbers are: {@code dialled} at least once, {@code answered} by a person (who then
 * {@code completed} the survey or {@code refused}: hung up or stopped answering), an answering {@code machine},
 * {@code failed} (busy, no answer or gone before the survey, after the retries), {@code pending} (waiting or in a
 * call), {@code cancelled} (never called: the campaign was cancelled). {@code finished}: nothing pending.
 */
public record SurveyProgress(SurveyCampaign campaign, long numbers, long dialled, long answered, long completed,
    long refused, long machine, long failed, long pending, long cancelled) {

  public boolean finished() {
    return pending == 0;
  }
}
