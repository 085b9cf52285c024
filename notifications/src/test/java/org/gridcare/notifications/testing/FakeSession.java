package org.gridcare.notifications.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;

/** A scripted caller: channel variables, digits typed at each collect, and a log of what the script did. */
public final class FakeSession implements CallSession {
  private final Map<String, String> variables = new HashMap<>();
  private final Deque<String> typed;
  public final List<String> log = new ArrayList<>();
  private boolean hungUp;

  public FakeSession(Map<String, String> variables, String... typed) {
    this.variables.putAll(variables);
    this.typed = new ArrayDeque<>(List.of(typed));
  }

  @Override public SessionInfo info() { return null; }

  @Override
  public Future<Void> answer() {
    log.add("answer");
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Character>> play(String prompt, String escapeDigits) {
    log.add("play " + prompt);
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<String> collect(String prompt, Duration timeout, int maxDigits) {
    log.add("collect " + prompt);
    return Future.succeededFuture(typed.isEmpty() ? "" : typed.poll());
  }

  @Override
  public Future<Optional<Character>> waitForDigit(Duration timeout) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<RecordResult> record(String file, String escapeDigits, Duration maxLength, Duration silence) {
    return Future.failedFuture(new UnsupportedOperationException());
  }

  @Override
  public Future<Integer> exec(String application, String arguments) {
    log.add("exec " + application);
    return Future.succeededFuture(0);
  }

  @Override
  public Future<Void> setVariable(String name, String value) {
    variables.put(name, value);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<String>> getVariable(String name) {
    return Future.succeededFuture(Optional.ofNullable(variables.get(name)));
  }

  @Override
  public Future<Void> hangUp() {
    log.add("hangup");
    hungUp = true;
    return Future.succeededFuture();
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }
}
