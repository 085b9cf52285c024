package org.gridcare.notifications.app;

import java.time.Instant;
import java.util.List;
import org.gridcare.notifications.domain.Channel;

/**
 * How the customer was told of one stage of their application: on which channel and how far it got (the SMS's
 * delivery state, the call's outcome or state), or, without a channel, why nobody could be reached.
 */
public record NoticeStatus(String stage, Instant at, Channel channel, String state, List<String> unreachedBecause) {
  public NoticeStatus {
    unreachedBecause = List.copyOf(unreachedBecause);
  }
}
