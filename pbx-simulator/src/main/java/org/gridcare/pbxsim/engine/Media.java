package org.gridcare.pbxsim.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.List;

/**
 * What a channel hears and types: prompts (a fixed simulated duration each), digit collection, waiting, music on
 * hold and recording. Each operation is an {@link Activity}: it ends early on an escape digit, and with
 * {@code cancelled} when the channel hangs up or is taken away (redirect, AMI Bridge).
 *
 * <p>Digits pressed while nothing listens wait in a type-ahead buffer and are read by the next prompt or collection.
 * (Asterisk drops DTMF that arrives between AGI commands; the buffer keeps tests free of timing races.)
 */
public final class Media {
  private static final int SAMPLES_PER_MS = 8;
  private static final String ANY_DIGIT = "0123456789*#ABCD";

  private final Switchboard sb;

  Media(Switchboard sb) {
    this.sb = sb;
  }

  /** Result of playing a prompt: the escape digit pressed (or null), the sample offset reached, and cancellation. */
  public record Played(Character digit, long endpos, boolean cancelled) {}

  /** Result of collecting digits. */
  public record Digits(String digits, boolean timedOut, boolean cancelled) {}

  /** Result of recording: how it ended ({@code dtmf}, {@code timeout}, {@code hangup}), digit, samples. */
  public record Recorded(String reason, Character digit, long endpos) {}

  public Future<Played> play(SimChannel ch, String prompt, String escapeDigits) {
    if (ch.hungUp()) {
      return Future.succeededFuture(new Played(null, 0, true));
    }
    stopBackgroundMusic(ch);
    sb.heard(ch, prompt);
    Character buffered = takeTypeAhead(ch, escapeDigits);
    if (buffered != null) {
      return Future.succeededFuture(new Played(buffered, 0, false));
    }
    Promise<Played> promise = Promise.promise();
    long started = System.currentTimeMillis();
    long duration = sb.settings().promptDuration().toMillis();
    Activity[] self = new Activity[1];
    Activity[] previous = new Activity[1];
    long[] timer = new long[1];
    Runnable done = () -> sb.pop(ch, self[0], previous[0]);
    self[0] = new Activity() {
      @Override
      public boolean digit(char d) {
        if (escapeDigits.indexOf(d) >= 0 && !promise.future().isComplete()) {
          sb.vertx().cancelTimer(timer[0]);
          done.run();
          promise.tryComplete(new Played(d, elapsedSamples(started), false));
        }
        return true;
      }

      @Override
      public void cancel() {
        sb.vertx().cancelTimer(timer[0]);
        done.run();
        promise.tryComplete(new Played(null, elapsedSamples(started), true));
      }
    };
    previous[0] = sb.push(ch, self[0]);
    timer[0] = sb.vertx().setTimer(Math.max(1, duration), t -> {
      done.run();
      promise.tryComplete(new Played(null, duration * SAMPLES_PER_MS, false));
    });
    return promise.future();
  }

  /**
   * GET DATA / Read: plays the prompt (any digit interrupts), then collects up to {@code maxDigits} digits;
   * {@code #} ends the input, {@code timeoutMs} without a digit ends it as timed out.
   */
  public Future<Digits> collect(SimChannel ch, String prompt, long timeoutMs, int maxDigits) {
    int max = maxDigits <= 0 ? 1024 : maxDigits;
    return play(ch, prompt, ANY_DIGIT).compose(played -> {
      if (played.cancelled()) {
        return Future.succeededFuture(new Digits("", false, true));
      }
      StringBuilder digits = new StringBuilder();
      if (played.digit() != null) {
        if (played.digit() == '#') {
          return Future.succeededFuture(new Digits("", false, false));
        }
        digits.append(played.digit());
      }
      return more(ch, digits, timeoutMs, max);
    });
  }

  private Future<Digits> more(SimChannel ch, StringBuilder digits, long timeoutMs, int max) {
    if (digits.length() >= max) {
      return Future.succeededFuture(new Digits(digits.toString(), false, false));
    }
    return waitForDigit(ch, timeoutMs).compose(d -> {
      if (d.cancelled()) {
        return Future.succeededFuture(new Digits(digits.toString(), false, true));
      }
      if (d.digit() == null) {
        return Future.succeededFuture(new Digits(digits.toString(), true, false));
      }
      if (d.digit() == '#') {
        return Future.succeededFuture(new Digits(digits.toString(), false, false));
      }
      digits.append(d.digit());
      return more(ch, digits, timeoutMs, max);
    });
  }

  /** Waits for one digit; {@code timeoutMs < 0} waits forever. {@code digit} is null on timeout. */
  public Future<Played> waitForDigit(SimChannel ch, long timeoutMs) {
    Character buffered = ch.typeAhead().poll();
    if (buffered != null) {
      return Future.succeededFuture(new Played(buffered, 0, false));
    }
    return hold(ch, timeoutMs, null, ANY_DIGIT);
  }

  /** Wait(seconds): silence for a while; digits go to the type-ahead buffer. */
  public Future<Played> silence(SimChannel ch, long millis) {
    return hold(ch, millis, null, "");
  }

  /** MusicOnHold(class[,duration]): MusicOnHoldStart / Stop around the wait; {@code millis < 0} plays until stopped. */
  public Future<Played> musicOnHold(SimChannel ch, String mohClass, long millis) {
    if (ch.hungUp()) {
      return Future.succeededFuture(new Played(null, 0, true));
    }
    stopBackgroundMusic(ch);
    startMusic(ch, mohClass);
    return hold(ch, millis, () -> stopMusic(ch), "");
  }

  /** AGI SET MUSIC on/off: music in the background of the following commands (a prompt stops it). */
  public void backgroundMusic(SimChannel ch, boolean on, String mohClass) {
    if (on && ch.backgroundMusic == null) {
      ch.backgroundMusic = mohClass;
      startMusic(ch, mohClass);
    } else if (!on) {
      stopBackgroundMusic(ch);
    }
  }

  /**
   * RECORD FILE: optional beep, then the caller "speaks" for {@link ChannelObserver#speechMillis()} and falls silent;
   * the recording ends after {@code silenceSeconds} of silence, at {@code timeoutMs}, on an escape digit or hang-up.
   * The WAV file is written in every case.
   */
  public Future<Recorded> record(SimChannel ch, String file, String escapeDigits, long timeoutMs, int silenceSeconds,
      boolean beep) {
    Future<Played> beeped = beep ? play(ch, "beep", "") : Future.succeededFuture(new Played(null, 0, false));
    return beeped.compose(b -> {
      if (b.cancelled() || ch.hungUp()) {
        return Future.succeededFuture(new Recorded("hangup", null, 0));
      }
      long speech = ch.observer == null ? 1000 : ch.observer.speechMillis();
      long natural = silenceSeconds > 0 ? speech + silenceSeconds * 1000L : -1;
      long limit = timeoutMs > 0 ? (natural < 0 ? timeoutMs : Math.min(timeoutMs, natural)) : natural;
      long started = System.currentTimeMillis();
      Character buffered = takeTypeAhead(ch, escapeDigits);
      Future<Played> waited = buffered != null
          ? Future.succeededFuture(new Played(buffered, 0, false))
          : hold(ch, limit, null, escapeDigits);
      return waited.compose(w -> {
        long millis = System.currentTimeMillis() - started;
        String reason = w.cancelled() ? "hangup" : w.digit() != null ? "dtmf" : "timeout";
        return write(file, millis, speech).map(v -> new Recorded(reason, w.digit(), millis * SAMPLES_PER_MS));
      });
    });
  }

  private Future<Void> write(String file, long millis, long speech) {
    Path path = sb.recordings().resolve(file);
    byte[] wav = WavFile.render(List.of(
        new WavFile.Segment(Math.min(millis, speech), true),
        new WavFile.Segment(Math.max(0, millis - speech), false)));
    return sb.vertx().fileSystem().mkdirs(path.toAbsolutePath().getParent().toString())
        .compose(v -> sb.vertx().fileSystem().writeFile(path.toString(), Buffer.buffer(wav)));
  }

  /** Waits {@code millis} (forever when negative); any of {@code digits} ends the wait early. */
  private Future<Played> hold(SimChannel ch, long millis, Runnable onEnd, String digits) {
    if (ch.hungUp()) {
      return Future.succeededFuture(new Played(null, 0, true));
    }
    Promise<Played> promise = Promise.promise();
    Activity[] self = new Activity[1];
    Activity[] previous = new Activity[1];
    long[] timer = {-1};
    Runnable done = () -> {
      if (timer[0] >= 0) {
        sb.vertx().cancelTimer(timer[0]);
      }
      sb.pop(ch, self[0], previous[0]);
      if (onEnd != null) {
        onEnd.run();
      }
    };
    self[0] = new Activity() {
      @Override
      public boolean digit(char d) {
        if (digits.indexOf(d) < 0) {
          return false;
        }
        if (!promise.future().isComplete()) {
          done.run();
          promise.tryComplete(new Played(d, 0, false));
        }
        return true;
      }

      @Override
      public void cancel() {
        if (!promise.future().isComplete()) {
          done.run();
          promise.tryComplete(new Played(null, 0, true));
        }
      }
    };
    previous[0] = sb.push(ch, self[0]);
    if (millis >= 0) {
      timer[0] = sb.vertx().setTimer(Math.max(1, millis), t -> {
        timer[0] = -1;
        if (!promise.future().isComplete()) {
          done.run();
          promise.tryComplete(new Played(null, 0, false));
        }
      });
    }
    return promise.future();
  }

  void channelGone(SimChannel ch) {
    stopBackgroundMusic(ch);
  }

  private void startMusic(SimChannel ch, String mohClass) {
    sb.publish(ch.event("MusicOnHoldStart", "call,all").add("Class", mohClass));
    if (ch.observer != null) {
      ch.observer.musicOnHold(true);
    }
  }

  private void stopMusic(SimChannel ch) {
    sb.publish(ch.event("MusicOnHoldStop", "call,all"));
    if (ch.observer != null) {
      ch.observer.musicOnHold(false);
    }
  }

  private void stopBackgroundMusic(SimChannel ch) {
    if (ch.backgroundMusic != null) {
      ch.backgroundMusic = null;
      stopMusic(ch);
    }
  }

  /** Takes buffered digits: returns the first escape digit, dropping the non-escape ones before it. */
  private static Character takeTypeAhead(SimChannel ch, String escapeDigits) {
    Character d;
    while ((d = ch.typeAhead().poll()) != null) {
      if (escapeDigits.indexOf(d) >= 0) {
        return d;
      }
    }
    return null;
  }

  private static long elapsedSamples(long started) {
    return (System.currentTimeMillis() - started) * SAMPLES_PER_MS;
  }
}
