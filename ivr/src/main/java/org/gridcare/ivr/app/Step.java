package org.gridcare.ivr.app;

import io.vertx.core.Future;
import org.gridcare.ivr.domain.Node;

/** Runs one node kind (one class per kind, jambonz style). */
interface Step<N extends Node> {
  Future<Next> exec(IvrCall call, N node);
}
