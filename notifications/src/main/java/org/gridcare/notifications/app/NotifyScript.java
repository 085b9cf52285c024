package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.CallSession;
import org.gridcare.platform.domain.DomainException;

/**
 * The {@code notify} IVR script run on an answered notification call ({@code cc-notify}). Answering machine
 * detection ({@code AMD}, result in {@code AMDSTATUS}) decides: a machine gets the message once after its greeting;
 * a person hears it and may press 1 to hear it again (up to {@code maxRepeats} more times).
 */
public final class NotifyScript implements CallScript {
  public static final String NAME = "notify";
  /** Said after the message to a person, per language; English when the language has none. */
  public static final Map<String, String> REPEAT_HINTS = Map.of(
      "en", "Press 1 to hear this message again.",
      "ru", "Нажмите 1, чтобы прослушать сообщение ещё раз.");

  private final CallOutbox calls;
  private final Speech speech;
  private final int maxRepeats;

  public NotifyScript(CallOutbox calls, Speech speech, int maxRepeats) {
    this.calls = calls;
    this.speech = speech;
    this.maxRepeats = maxRepeats;
  }

  private static String withHint(String message, String language) {
    return message + " " + REPEAT_HINTS.getOrDefault(language, REPEAT_HINTS.get("en"));
  }

  @Override
  public Future<Void> run(CallSession session) {
    return session.getVariable(VoiceDialler.CALL_VARIABLE)
        .compose(id -> calls.find(Long.parseLong(id.orElseThrow(() ->
            DomainException.invalid("not-a-notification-call", VoiceDialler.CALL_VARIABLE + " is not set")))))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("no-such-call", "No notification call")))
        .compose(call -> session.answer()
            .compose(v -> session.exec("AMD", ""))
            .compose(v -> session.getVariable("AMDSTATUS"))
            .compose(amd -> "MACHINE".equals(amd.orElse(""))
                ? speech.render(call.message(), call.language())
                    .compose(prompt -> session.play(prompt, ""))
                    .compose(v -> calls.played(call, 1, true))
                : speech.render(withHint(call.message(), call.language()), call.language())
                    .compose(prompt -> listen(session, prompt, 1))
                    .compose(times -> calls.played(call, times, false))))
        .eventually(() -> session.hungUp() ? Future.succeededFuture() : session.hangUp());
  }

  /** Plays the message; "1" during it or in the pause after plays it again. Returns how often it was played. */
  private Future<Integer> listen(CallSession session, String prompt, int played) {
    return session.collect(prompt, Duration.ofSeconds(5), 1).compose(digits ->
        "1".equals(digits) && played <= maxRepeats ? listen(session, prompt, played + 1)
            : Future.succeededFuture(played));
  }
}
