package org.gridcare.pbxsim.engine;

import io.vertx.core.Future;
import java.util.List;

/** Runs the FastAGI side of {@code AGI(agi://host:port/script,args)}; completes with the AGISTATUS value. */
public interface AgiLauncher {
  Future<String> run(Switchboard sb, SimChannel channel, String url, List<String> args);
}
