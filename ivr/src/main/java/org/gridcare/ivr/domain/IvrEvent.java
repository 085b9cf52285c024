package org.gridcare.ivr.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened in an IVR session, for the journal and the metrics. Identifiers typed by the caller never appear
 * here; the calling number only in {@link SessionEnded#callerNumber()} (the journal's phone column, which erasure
 * anonymises). Nullable fields are documented per record.
 */
public sealed interface IvrEvent {
  String callId();

  Instant at();

  record SessionStarted(String callId, String language, Instant at) implements IvrEvent {}

  /**
   * One attempt at one node. {@code key} is the menu/language key pressed (null otherwise); {@code outcome} is the
   * next node, {@code retry}, {@code gave-up} or the action's result. {@code customerId} is null until identified.
   */
  record StepTaken(String callId, String node, String kind, InputKind input, String key, String outcome, int attempt,
      String customerId, Instant at) implements IvrEvent {}

  /**
   * A post-call satisfaction answer (1 = very unhappy .. 5 = very happy) about the call's conversation with
   * {@code operatorId} on {@code line} (either null when the channel did not say).
   */
  record SurveyAnswered(String callId, int score, String customerId, Integer line, String operatorId, Instant at)
      implements IvrEvent {}

  /**
   * The end of the session. {@code route} is set when transferred; {@code flow} is the last service that completed
   * a request in the IVR (null when none); {@code lastNode} is where the caller was (drop-off).
   */
  record SessionEnded(String callId, Ending ending, MenuCatalogue.TopicRoute route, String flow, String lastNode,
      String customerId, String callerNumber, Duration inIvr, int steps, Instant at) implements IvrEvent {}
}
