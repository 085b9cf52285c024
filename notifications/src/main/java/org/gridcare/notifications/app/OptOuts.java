package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.Set;

/** Numbers that must not be notified. Opting out also withdraws messages still waiting for that number. */
public interface OptOuts {
  Future<Set<String>> all();

  /** @param source why: {@code sms-stop}, {@code provider-21610} */
  Future<Void> optOut(String phone, String source);

  Future<Void> optIn(String phone);
}
