package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Function;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.CallSession;
import org.gridcare.platform.domain.DomainException;

/**
 * The {@code notify} IVR script run on an answered notification call. The {@code cc-notify} context has already run
 * answering machine detection ({@code AMD()}, result in {@code AMDSTATUS}): a machine gets the message once; a person
 * (or an undecided {@code NOTSURE}) hears it and may press 1 to hear it again (up to {@code maxRepeats} more times).
 * The message counts as played ({@link CallOutbox#played}) once it played to its end, even if the person hangs up in
 * the pause after it; a party that hangs up before that, or during detection (the dialplan then ends without this
 * script), is settled by the dialler as {@code HUNG_UP_BEFORE_MESSAGE}.
 */
public final class NotifyScript implements CallScript {
  public static final String NAME = "notify";
  /** How long a person has after the message to press 1. */
  private static final Duration PAUSE = Duration.ofSeconds(5);

  private final CallOutbox calls;
  private final Speech speech;
  private final Function<String, String> repeatHint;
  private final int maxRepeats;

  /** @param repeatHint per language, what a person hears after the message ("press 1 to hear it again") */
  public NotifyScript(CallOutbox calls, Speech speech, Function<String, String> repeatHint, int maxRepeats) {
    this.calls = calls;
    this.speech = speech;
    this.repeatHint = repeatHint;
    this.maxRepeats = maxRepeats;
  }

  private String withHint(String message, String language) {
    return message + " " + repeatHint.apply(language);
  }

  @Override
  public Future<Void> run(CallSession session) {
    return session.getVariable(VoiceDialler.CALL_VARIABLE)
        .compose(id -> calls.find(Long.parseLong(id.orElseThrow(() ->
            DomainException.invalid("not-a-notification-call", VoiceDialler.CALL_VARIABLE + " is not set")))))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("no-such-call", "No notification call")))
        .compose(call -> session.getVariable("AMDSTATUS").compose(amd -> "MACHINE".equals(amd.orElse(""))
            ? speech.render(call.message(), call.language())
                .compose(prompt -> session.play(prompt, ""))
                .compose(v -> calls.played(call, 1, true))
            : speech.render(withHint(call.message(), call.language()), call.language())
                .compose(prompt -> toPerson(session, call, prompt))))
        .eventually(() -> session.hungUp() ? Future.succeededFuture() : session.hangUp());
  }

  /** Plays the message to a person and records it as played when it was heard (see the class comment). */
  private Future<Void> toPerson(CallSession session, OutboxCall call, String prompt) {
    Listening l = new Listening();
    return listen(session, prompt, l)
        .recover(e -> l.toTheEnd > 0 ? Future.succeededFuture() : Future.failedFuture(e))
        .compose(v -> calls.played(call, l.started, false));
  }

  /** How often the message started and how often it played to its end. */
  private static final class Listening {
    int started;
    int toTheEnd;
  }

  /** Plays the message; "1" during it or in the pause after plays it again (up to {@code maxRepeats} times). */
  private Future<Void> listen(CallSession session, String prompt, Listening l) {
    l.started++;
    return session.play(prompt, "1")
        .compose(key -> {
          if (key.isPresent()) {
            return Future.succeededFuture(key);
          }
          l.toTheEnd++;
          return session.waitForDigit(PAUSE);
        })
        .compose(key -> key.filter(k -> k == '1').isPresent() && l.started <= maxRepeats
            ? listen(session, prompt, l) : Future.succeededFuture());
  }
}
