package org.gridcare.acd.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.gridcare.acd.domain.LineOverride;
import org.gridcare.acd.domain.Operator;

/**
 * What supervisors changed on top of the configuration, shared by every instance: lines opened or closed outside
 * their hours, operators' skills. Reads are synchronous (the IVR and the router ask on every call) from a copy that
 * the adapter keeps current; writes go to the shared store and are in the local copy when their future completes.
 */
public interface Overrides {
  /** The line's override in force at {@code now}, if any. */
  Optional<LineOverride> line(int line, Instant now);

  /** The operator with their overridden skills, or as configured. */
  Operator apply(Operator configured);

  /** Whether the operator's skills are overridden. */
  boolean skillsOverridden(String operatorId);

  Future<Void> putLine(LineOverride override);

  Future<Void> clearLine(int line);

  Future<Void> putSkills(String operatorId, Map<String, Integer> skills);

  Future<Void> clearSkills(String operatorId);

  /** No overrides, nothing stored (module tests of the ACD without the override store). */
  static Overrides none() {
    return new Overrides() {
      @Override
      public Optional<LineOverride> line(int line, Instant now) {
        return Optional.empty();
      }

      @Override
      public Operator apply(Operator configured) {
        return configured;
      }

      @Override
      public boolean skillsOverridden(String operatorId) {
        return false;
      }

      @Override
      public Future<Void> putLine(LineOverride override) {
        return Future.failedFuture(new UnsupportedOperationException("no override store"));
      }

      @Override
      public Future<Void> clearLine(int line) {
        return Future.failedFuture(new UnsupportedOperationException("no override store"));
      }

      @Override
      public Future<Void> putSkills(String operatorId, Map<String, Integer> skills) {
        return Future.failedFuture(new UnsupportedOperationException("no override store"));
      }

      @Override
      public Future<Void> clearSkills(String operatorId) {
        return Future.failedFuture(new UnsupportedOperationException("no override store"));
      }
    };
  }
}
