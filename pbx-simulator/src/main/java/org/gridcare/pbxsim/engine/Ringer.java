package org.gridcare.pbxsim.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/** Rings the phone behind an outbound channel until it answers, rejects, the timeout passes or the ring is cancelled. */
final class Ringer {
  enum Outcome { ANSWERED, BUSY, NO_ANSWER, CANCELLED }

  private final Switchboard sb;

  Ringer(Switchboard sb) {
    this.sb = sb;
  }

  /** {@code onRinging} runs once the phone rings (the caller publishes Newstate Ringing / DialState there). */
  Future<Outcome> ring(SimChannel callee, IncomingCallHandler phone, long timeoutMs, Runnable onRinging) {
    Promise<Outcome> promise = Promise.promise();
    long[] timer = {-1};
    Activity[] self = new Activity[1];
    Runnable end = () -> {
      if (timer[0] >= 0) {
        sb.vertx().cancelTimer(timer[0]);
      }
      if (callee.activity == self[0]) {
        callee.activity = null;
      }
    };
    self[0] = () -> {
      end.run();
      promise.tryComplete(Outcome.CANCELLED);
    };
    callee.activity = self[0];
    onRinging.run();
    if (timeoutMs > 0) {
      timer[0] = sb.vertx().setTimer(timeoutMs, t -> {
        timer[0] = -1;
        end.run();
        promise.tryComplete(Outcome.NO_ANSWER);
      });
    }
    phone.ringing(callee, new IncomingCallHandler.RingingCall() {
      @Override
      public void answer() {
        sb.run(() -> {
          if (!promise.future().isComplete()) {
            end.run();
            promise.tryComplete(Outcome.ANSWERED);
          }
        });
      }

      @Override
      public void reject() {
        sb.run(() -> {
          if (!promise.future().isComplete()) {
            end.run();
            promise.tryComplete(Outcome.BUSY);
          }
        });
      }
    });
    return promise.future();
  }
}
