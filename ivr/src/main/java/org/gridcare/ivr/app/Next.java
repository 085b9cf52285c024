package org.gridcare.ivr.app;

import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.MenuCatalogue.TopicRoute;

/** Where a step leads: another node, or the end of the session. */
sealed interface Next {
  record GoTo(String node) implements Next {}

  /** {@code route} is set when the caller was handed to the ACD. */
  record Finish(Ending ending, TopicRoute route) implements Next {}
}
