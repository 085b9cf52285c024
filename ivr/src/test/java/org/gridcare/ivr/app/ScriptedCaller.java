package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;

/**
 * A fake caller on an IVR session: follows a script of key presses, silences and a hang-up, and keeps a transcript
 * of what the IVR played ({@code play <prompt>}, {@code ask <prompt>}) and did. A caller whose script has run out
 * stays silent on the line.
 */
final class ScriptedCaller implements CallSession {
  private sealed interface Act {}

  private record Keys(String keys) implements Act {}

  private record Silence() implements Act {}

  /** {@code duringPrompt}: while the next prompt plays; otherwise when next asked for keys or a recording. */
  private record HangUp(boolean duringPrompt) implements Act {}

  private final SessionInfo info;
  private final Deque<Act> script = new ArrayDeque<>();
  final List<String> transcript = new ArrayList<>();
  final Map<String, String> variables = new LinkedHashMap<>();
  final List<String> recordings = new ArrayList<>();
  private boolean hungUp;
  boolean answered;
  boolean hungUpByIvr;

  ScriptedCaller(String callerNumber) {
    this.info = new SessionInfo(new ChannelId("chan-1"), new CallId("call-1"), callerNumber, null, "80012345", "ivr",
        Map.of(), List.of(), "en");
  }

  /** Keys typed at the next prompt (for a collect, the digits and the #). */
  ScriptedCaller presses(String keys) {
    script.add(new Keys(keys));
    return this;
  }

  ScriptedCaller silent() {
    script.add(new Silence());
    return this;
  }

  /** Hangs up instead of answering the next question (menu, digits, recording). */
  ScriptedCaller hangsUp() {
    script.add(new HangUp(false));
    return this;
  }

  /** Hangs up while the next prompt plays. */
  ScriptedCaller hangsUpDuringPrompt() {
    script.add(new HangUp(true));
    return this;
  }

  /** The prompts the caller heard, in order, without the play/ask prefix. */
  List<String> heard() {
    return transcript.stream().filter(t -> t.startsWith("play ") || t.startsWith("ask "))
        .map(t -> t.substring(t.indexOf(' ') + 1)).toList();
  }

  @Override
  public SessionInfo info() {
    return info;
  }

  @Override
  public Future<Void> answer() {
    answered = true;
    return live();
  }

  @Override
  public Future<Optional<Character>> play(String prompt, String escapeDigits) {
    if (hungUp) {
      return gone();
    }
    transcript.add("play " + prompt);
    Act next = script.peek();
    if (next instanceof HangUp h && h.duringPrompt()) {
      return leave();
    }
    if (next instanceof Keys k && !escapeDigits.isEmpty() && escapeDigits.indexOf(k.keys().charAt(0)) >= 0) {
      script.poll();
      return Future.succeededFuture(Optional.of(k.keys().charAt(0)));
    }
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<String> collect(String prompt, Duration timeout, int maxDigits) {
    if (hungUp) {
      return gone();
    }
    transcript.add("ask " + prompt);
    if (script.peek() instanceof HangUp) {
      return leave();
    }
    Act next = script.poll();
    if (next instanceof Keys k) {
      String typed = k.keys().endsWith("#") ? k.keys().substring(0, k.keys().length() - 1) : k.keys();
      return Future.succeededFuture(typed.length() > maxDigits ? typed.substring(0, maxDigits) : typed);
    }
    return Future.succeededFuture("");
  }

  @Override
  public Future<Optional<Character>> waitForDigit(Duration timeout) {
    return hungUp ? gone() : Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<RecordResult> record(String file, String escapeDigits, Duration maxLength, Duration silence) {
    if (hungUp) {
      return gone();
    }
    transcript.add("record");
    recordings.add(file);
    if (script.peek() instanceof HangUp) {
      script.poll();
      hungUp = true;
      return Future.succeededFuture(new RecordResult(file, Optional.empty(), true));
    }
    return Future.succeededFuture(new RecordResult(file, Optional.of('#'), false));
  }

  @Override
  public Future<Integer> exec(String application, String arguments) {
    return hungUp ? gone() : Future.succeededFuture(0);
  }

  @Override
  public Future<Void> setVariable(String name, String value) {
    if (hungUp) {
      return gone();
    }
    variables.put(name, value);
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<String>> getVariable(String name) {
    return hungUp ? gone() : Future.succeededFuture(Optional.ofNullable(variables.get(name)));
  }

  @Override
  public Future<Void> hangUp() {
    if (hungUp) {
      return gone();
    }
    transcript.add("hangup");
    hungUpByIvr = true;
    hungUp = true;
    return Future.succeededFuture();
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }

  private Future<Void> live() {
    return hungUp ? gone() : Future.succeededFuture();
  }

  private <T> Future<T> leave() {
    script.poll();
    hungUp = true;
    transcript.add("caller hung up");
    return gone();
  }

  private <T> Future<T> gone() {
    return Future.failedFuture(new CallerHungUp(info.channel().value()));
  }
}
