package org.gridcare.ivr.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import org.gridcare.ivr.app.IvrEvents;
import org.gridcare.ivr.domain.Ending;
import org.gridcare.ivr.domain.InputKind;
import org.gridcare.ivr.domain.IvrEvent;

/**
 * Counts what the IVR does. Tags are low-cardinality (node ids and flows come from the menu, never call ids):
 * {@code ivr.sessions} (started), {@code ivr.time} tagged {@code ending}, {@code ivr.served} tagged {@code flow},
 * {@code ivr.abandoned} tagged {@code node} (drop-off), {@code ivr.inputs} tagged {@code node} and {@code input}
 * (invalid-input rate = input=invalid / all), {@code ivr.survey.answers} tagged {@code score}.
 */
public final class MicrometerIvrMetrics implements IvrEvents {
  private final MeterRegistry registry;

  public MicrometerIvrMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Future<Void> record(IvrEvent event) {
    if (event instanceof IvrEvent.SessionStarted) {
      registry.counter("ivr.sessions").increment();
    } else if (event instanceof IvrEvent.StepTaken s && s.input() != InputKind.NONE) {
      Counter.builder("ivr.inputs").tag("node", s.node()).tag("input", s.input().key()).register(registry).increment();
    } else if (event instanceof IvrEvent.SurveyAnswered s) {
      Counter.builder("ivr.survey.answers").tag("score", String.valueOf(s.score())).register(registry).increment();
    } else if (event instanceof IvrEvent.SessionEnded e) {
      Timer.builder("ivr.time").tag("ending", e.ending().key()).register(registry).record(e.inIvr());
      if (e.ending() == Ending.SELF_SERVED && e.flow() != null) {
        Counter.builder("ivr.served").tag("flow", e.flow()).register(registry).increment();
      }
      if (e.ending() == Ending.ABANDONED && e.lastNode() != null) {
        Counter.builder("ivr.abandoned").tag("node", e.lastNode()).register(registry).increment();
      }
    }
    return Future.succeededFuture();
  }
}
