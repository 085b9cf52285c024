package org.gridcare.notifications.app;

import java.util.Map;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.StageChange;
import org.gridcare.notifications.domain.Targets;

/**
 * What a stage change is told as: the recipient and the text (SMS body or spoken message) of the notice, or no
 * recipient and why nobody could be reached.
 */
public record ApplicationNotice(StageChange change, Recipient recipient, String text,
    Map<Targets.Exclusion, Integer> excluded) {
  public ApplicationNotice {
    excluded = Map.copyOf(excluded);
  }
}
