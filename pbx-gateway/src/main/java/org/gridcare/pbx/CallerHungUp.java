package org.gridcare.pbx;

import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;

/** The caller left while a script was talking to them: every later command on that session fails with this. */
public final class CallerHungUp extends DomainException {
  public CallerHungUp(String channel) {
    super(ErrorKind.CONFLICT, "caller-hung-up", "The caller hung up (channel " + channel + ")");
  }
}
