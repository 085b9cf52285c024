package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.notifications.domain.StageChange;

/**
 * The CRM's stage changes not yet told, and their notices. {@link #store} is one transaction: each notice becomes a
 * campaign (unique per application and stage, so a change relayed twice is told once) with its SMS or call, and the
 * relay's cursor moves past the changes it handled.
 */
public interface ApplicationNoticeStore {

  /** Up to {@code max} stage changes without a notice, oldest first. */
  Future<List<StageChange>> pending(int max);

  /** Stores the notices of {@code handled}; returns how many were new (not stored by another relay already). */
  Future<Integer> store(List<StageChange> handled, List<ApplicationNotice> notices);

  /** The notices of one application, oldest first. */
  Future<List<NoticeStatus>> notices(String application);
}
