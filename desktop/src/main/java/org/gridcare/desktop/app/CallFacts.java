package org.gridcare.desktop.app;

import io.vertx.core.Future;
import java.util.List;

/** What the journal knows about a call (port): the IVR path the caller took and the queue it was offered from. */
public interface CallFacts {

  Future<Facts> of(String callId);

  /** {@code ivrPath} node names in order; topic, line and ticket of the latest offer or transfer (null if none). */
  record Facts(List<String> ivrPath, String topic, Integer line, String ticketId) {
    public Facts {
      ivrPath = List.copyOf(ivrPath);
    }
  }
}
