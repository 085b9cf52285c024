package org.gridcare.acd.app;

import static org.gridcare.acd.app.AcdContext.data;
import static org.gridcare.acd.app.AcdContext.guarded;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gridcare.acd.domain.LineOverride;
import org.gridcare.acd.domain.Operator;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;

/** A supervisor opens or closes a line outside its hours, or changes an operator's skills; each change journalled. */
final class SupervisorOverrides {
  static final int MIN_LEVEL = 1;
  static final int MAX_LEVEL = 5;

  private final AcdContext ctx;
  private final Runnable wakeUp;

  SupervisorOverrides(AcdContext ctx, Runnable wakeUp) {
    this.ctx = ctx;
    this.wakeUp = wakeUp;
  }

  Future<LineOverride> setLine(int line, boolean open, Instant until, String by) {
    return guarded(() -> {
      ctx.settings.line(line);
      Instant now = ctx.now();
      if (until != null && !until.isAfter(now)) {
        throw DomainException.invalid("until-in-the-past", "The override must end in the future, not at " + until);
      }
      LineOverride o = new LineOverride(line, open, until, by, now);
      return ctx.overrides.putLine(o)
          .compose(v -> ctx.record(JournalEntry.of(open ? "acd.line.opened" : "acd.line.closed").at(now).line(line)
              .data(data("by", by, "until", until == null ? null : until.toString()))))
          .map(o);
    });
  }

  /** Back to the configured hours. */
  Future<Void> resetLine(int line, String by) {
    return guarded(() -> {
      ctx.settings.line(line);
      return ctx.overrides.clearLine(line)
          .compose(v -> ctx.record(JournalEntry.of("acd.line.reset").at(ctx.now()).line(line).data(data("by", by))));
    });
  }

  Optional<LineOverride> line(int line) {
    return ctx.overrides.line(line, ctx.now());
  }

  /** Replaces the operator's skills (topic → proficiency 1..5); routing uses them from now on, on every instance. */
  Future<Operator> setSkills(String operatorId, Map<String, Integer> skills, String by) {
    return guarded(() -> {
      ctx.settings.operator(operatorId);
      skills.forEach((skill, level) -> {
        ctx.settings.topic(skill);
        if (level == null || level < MIN_LEVEL || level > MAX_LEVEL) {
          throw DomainException.invalid("bad-skill-level",
              "Skill " + skill + ": proficiency must be " + MIN_LEVEL + ".." + MAX_LEVEL + ", not " + level);
        }
      });
      return ctx.overrides.putSkills(operatorId, Map.copyOf(skills))
          .compose(v -> ctx.record(JournalEntry.of("acd.operator.skills.changed").at(ctx.now()).operator(operatorId)
              .data(data("by", by, "skills", new TreeMap<>(skills)))))
          .map(v -> {
            wakeUp.run();
            return ctx.operator(operatorId);
          });
    });
  }

  /** Back to the configured skills. */
  Future<Operator> resetSkills(String operatorId, String by) {
    return guarded(() -> {
      Operator configured = ctx.settings.operator(operatorId);
      return ctx.overrides.clearSkills(operatorId)
          .compose(v -> ctx.record(JournalEntry.of("acd.operator.skills.changed").at(ctx.now()).operator(operatorId)
              .data(data("by", by, "skills", new TreeMap<>(configured.skills()), "reset", true))))
          .map(v -> {
            wakeUp.run();
            return configured;
          });
    });
  }
}
