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
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;

/**
 * A scripted caller: channel variables, what the caller does at each prompt that listens for keys and each wait for a
 * key (a digit, {@code ""} for nothing, {@link #HANG_UP}), and a log of what the script did.
 */
public final class FakeSession implements CallSession {
  private final Map<String, String> variables = new HashMap<>();
  private final Deque<String> typed;
  public final List<String> log = new ArrayList<>();
  private boolean hungUp;
  public static final String HANG_UP = "hang-up";

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
    return escapeDigits.isEmpty() ? Future.succeededFuture(Optional.empty()) : next();
  }

  private Future<Optional<Character>> next() {
    String act = typed.isEmpty() ? "" : typed.poll();
    if (act.equals(HANG_UP)) {
      hungUp = true;
      return Future.failedFuture(new CallerHungUp("fake"));
    }
    return Future.succeededFuture(act.isEmpty() ? Optional.empty() : Optional.of(act.charAt(0)));
  }

  @Override
  public Future<String> collect(String prompt, Duration timeout, int maxDigits) {
    log.add("collect " + prompt);
    return Future.succeededFuture(typed.isEmpty() ? "" : typed.poll());
  }

  @Override
  public Future<Optional<Character>> waitForDigit(Duration timeout) {
    log.add("wait");
    return next();
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
