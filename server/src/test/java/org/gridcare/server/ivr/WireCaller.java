package org.gridcare.server.ivr;

import static org.gridcare.server.ivr.IvrCentre.await;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.SimCall;

/**
 * A caller on the simulated PBX who follows the prompts in order: {@link #hear} waits until a given sound file
 * starts playing (after the ones already heard), so digits are pressed while the right node listens.
 */
final class WireCaller {
  private final SimCall call;
  private int heard;

  WireCaller(SimCall call) {
    this.call = call;
  }

  SimCall call() {
    return call;
  }

  /** The call id the server journals under (the caller's channel starts the call). */
  String callId() {
    return call.uniqueId();
  }

  /** Waits for the next prompt after those heard so far and returns its sound file. */
  String hearNext() throws Exception {
    while (true) {
      Future<String> next = call.awaitNextPrompt(); // registered before looking, so no prompt slips by
      List<String> prompts = call.prompts();
      if (prompts.size() > heard) {
        return prompts.get(heard++);
      }
      await(next, 30);
    }
  }

  /** Waits until {@code file} starts playing, skipping the prompts before it; returns how many were skipped. */
  int hear(String file) throws Exception {
    int skipped = 0;
    while (!hearNext().equals(file)) {
      skipped++;
    }
    return skipped;
  }

  WireCaller press(String digits) throws Exception {
    await(call.press(digits), 10);
    return this;
  }

  void hangUp() throws Exception {
    await(call.hangUp(), 10);
    await(call.awaitState(CallState.HUNG_UP), 10);
  }

  /** Waits until the IVR (or the PBX) ends the call. */
  void awaitHungUp() throws Exception {
    await(call.awaitState(CallState.HUNG_UP).recover(e -> call.state() == CallState.HUNG_UP
        ? Future.succeededFuture() : Future.failedFuture(e)), 30);
  }
}
