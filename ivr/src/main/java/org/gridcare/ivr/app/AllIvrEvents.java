package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.ivr.domain.IvrEvent;

/** Sends each event to every listener (journal, metrics); fails when any of them fails. */
public final class AllIvrEvents implements IvrEvents {
  private final List<IvrEvents> listeners;

  public AllIvrEvents(List<IvrEvents> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public Future<Void> record(IvrEvent event) {
    return Future.all(listeners.stream().map(l -> l.record(event)).toList()).mapEmpty();
  }
}
