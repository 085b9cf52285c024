package org.gridcare.desktop.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of the desk's call-control state: read and changed in memory, every change mirrored into
 * {@link DeskStates} (in order, on one connection), and loaded back when the server starts again.
 */
final class Kept<V> {
  private static final Logger LOG = LoggerFactory.getLogger(Kept.class);
  private final String kind;
  private final DeskStates store;
  private final Function<V, JsonObject> toJson;
  private final Function<JsonObject, V> fromJson;
  private final Map<String, V> map = new ConcurrentHashMap<>();

  Kept(String kind, DeskStates store, Function<V, JsonObject> toJson, Function<JsonObject, V> fromJson) {
    this.kind = kind;
    this.store = store;
    this.toJson = toJson;
    this.fromJson = fromJson;
  }

  /** Adds what the store holds (an unreadable entry is dropped with a warning). */
  Future<Void> load() {
    return store.all(kind).map(all -> {
      all.forEach((key, json) -> {
        try {
          map.put(key, fromJson.apply(json));
        } catch (RuntimeException e) {
          LOG.warn("dropping the desktop's unreadable {} {}: {}", kind, key, e.toString());
          drop(key);
        }
      });
      return null;
    });
  }

  V get(String key) {
    return map.get(key);
  }

  boolean containsKey(String key) {
    return map.containsKey(key);
  }

  java.util.Collection<V> values() {
    return map.values();
  }

  void forEach(BiConsumer<String, V> action) {
    map.forEach(action);
  }

  void put(String key, V value) {
    map.put(key, value);
    save(key, value);
  }

  V remove(String key) {
    V old = map.remove(key);
    if (old != null) {
      drop(key);
    }
    return old;
  }

  boolean remove(String key, V value) {
    boolean removed = map.remove(key, value);
    if (removed) {
      drop(key);
    }
    return removed;
  }

  boolean replace(String key, V old, V now) {
    boolean replaced = map.replace(key, old, now);
    if (replaced) {
      save(key, now);
    }
    return replaced;
  }

  /** Stores the entry again after its value changed in place. */
  void save(String key, V value) {
    store.put(kind, key, toJson.apply(value))
        .onFailure(e -> LOG.warn("keeping the desktop's {} {} failed: {}", kind, key, e.toString()));
  }

  private void drop(String key) {
    store.remove(kind, key).onFailure(e -> LOG.warn("forgetting the desktop's {} {} failed: {}", kind, key, e.toString()));
  }
}
