package org.gridcare.recordings.domain;

import org.gridcare.platform.domain.DomainException;

/**
 * One call's recording: {@code RECORDING} from the first bridge, {@code PAUSED} while muted (a card number is
 * spoken), {@code STOPPED} at hang-up. Pausing what is not recording (or resuming what is not paused) is a conflict.
 */
public enum RecordingState {
  RECORDING, PAUSED, STOPPED;

  public RecordingState pause() {
    if (this != RECORDING) {
      throw DomainException.conflict("not-recording", "The call is not being recorded now (" + id() + ")");
    }
    return PAUSED;
  }

  public RecordingState resume() {
    if (this != PAUSED) {
      throw DomainException.conflict("not-paused", "The recording is not paused (" + id() + ")");
    }
    return RECORDING;
  }

  public RecordingState stop() {
    return STOPPED;
  }

  public String id() {
    return name().toLowerCase();
  }
}
