package org.gridcare.server.wiring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.gridcare.notifications.pg.PgOptOuts;
import org.gridcare.privacy.app.SmsObjections;

/**
 * An objection recorded through the privacy API lands in the notifications' opt-out register, exactly as an SMS STOP
 * does: every later campaign and restoration notice skips the number, and its pending SMS and calls are withdrawn.
 */
public final class OptOutsForPrivacy implements SmsObjections {
  private final PgOptOuts optOuts;

  public OptOutsForPrivacy(Pool pool) {
    this.optOuts = new PgOptOuts(pool);
  }

  @Override
  public Future<Void> object(String e164, String source) {
    return optOuts.optOut(e164, source);
  }
}
