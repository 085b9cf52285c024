package org.gridcare.pbx;

import io.vertx.core.Future;

/**
 * An IVR entry point ({@code AGI(agi://host/<name>)}). The session ends when the returned future completes: the PBX
 * then continues in the dialplan (with variables the script set, e.g. {@code CC_NEXT}).
 */
@FunctionalInterface
public interface CallScript {
  Future<Void> run(CallSession session);
}
