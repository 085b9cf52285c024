package org.gridcare.ivr.journal;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridcare.ivr.app.IvrEvents;
import org.gridcare.ivr.domain.IvrEvent;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;

/**
 * IVR events as journal entries. {@code ivr.step}: node, kind, input kind, menu key (never typed digits), outcome,
 * attempt. {@code ivr.completed}: how it ended ({@code self-served}, {@code transferred} with the line in the line
 * column, {@code voicemail}, {@code abandoned}, {@code ended}, {@code failed}), the flow that served the caller, the
 * last node (drop-off), time in IVR; the calling number goes in the phone column only. {@code ivr.survey.answered}:
 * the score, with the conversation's line and operator in their columns.
 */
public final class JournalIvrEvents implements IvrEvents {
  private final Journal journal;

  public JournalIvrEvents(Journal journal) {
    this.journal = journal;
  }

  @Override
  public Future<Void> record(IvrEvent event) {
    return journal.append(entry(event));
  }

  static JournalEntry entry(IvrEvent event) {
    if (event instanceof IvrEvent.SessionStarted s) {
      return JournalEntry.of("ivr.started").at(s.at()).call(s.callId()).data(Map.of("language", s.language()));
    }
    if (event instanceof IvrEvent.StepTaken s) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("node", s.node());
      data.put("kind", s.kind());
      data.put("input", s.input().key());
      if (s.key() != null) {
        data.put("key", s.key());
      }
      data.put("outcome", s.outcome());
      data.put("attempt", s.attempt());
      return JournalEntry.of("ivr.step").at(s.at()).call(s.callId()).customer(s.customerId()).data(data);
    }
    if (event instanceof IvrEvent.SurveyAnswered s) {
      return JournalEntry.of("ivr.survey.answered").at(s.at()).call(s.callId()).line(s.line())
          .operator(s.operatorId()).customer(s.customerId()).data(Map.of("score", s.score()));
    }
    IvrEvent.SessionEnded e = (IvrEvent.SessionEnded) event;
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("ending", e.ending().key());
    if (e.route() != null) {
      data.put("topic", e.route().topic());
      data.put("priority", e.route().priority());
      data.put("hazard", e.route().hazard());
    }
    if (e.flow() != null) {
      data.put("flow", e.flow());
    }
    if (e.lastNode() != null) {
      data.put("lastNode", e.lastNode());
    }
    data.put("durationMs", e.inIvr().toMillis());
    data.put("steps", e.steps());
    return JournalEntry.of("ivr.completed").at(e.at()).call(e.callId())
        .line(e.route() == null ? null : e.route().line()).customer(e.customerId()).phone(e.callerNumber()).data(data);
  }
}
