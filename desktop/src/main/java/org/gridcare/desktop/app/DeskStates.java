package org.gridcare.desktop.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Where the desktop keeps the call-control state that must outlive a server restart (port): attended transfers,
 * consultations, handed-over pairs, second calls, conferences and calls being dialled, as JSON by kind and key (an
 * operator id or a channel id). Entries are short-lived: they end with the call.
 */
public interface DeskStates {

  /** Every entry of {@code kind}, by key. */
  Future<Map<String, JsonObject>> all(String kind);

  Future<Void> put(String kind, String key, JsonObject value);

  Future<Void> remove(String kind, String key);
}
