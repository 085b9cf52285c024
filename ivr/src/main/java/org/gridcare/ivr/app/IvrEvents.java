package org.gridcare.ivr.app;

import io.vertx.core.Future;
import org.gridcare.ivr.domain.IvrEvent;

/** Where the engine reports what happened (the journal and the metrics). */
public interface IvrEvents {
  Future<Void> record(IvrEvent event);
}
