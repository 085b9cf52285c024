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
 * A party that hangs up during detection never reaches this script (the dialplan ends with the channel).
 */
public final class NotifyScript implements CallScript {
  public static final String NAME = "notify";

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
