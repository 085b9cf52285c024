package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.ivr.domain.Outage;

/** Known planned and unplanned outages (implemented by the notifications module / outage-management connector). */
public interface OutageInfo {

  /** Outages affecting the area now, the most relevant first. */
  Future<List<Outage>> activeOutages(String areaId);

  /** Sends an SMS to {@code mobileE164} when the outage is over; {@code customerId} may be null. */
  Future<Void> subscribeRestorationSms(String outageId, String mobileE164, String customerId);
}
