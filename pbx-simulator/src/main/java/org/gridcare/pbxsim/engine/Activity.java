package org.gridcare.pbxsim.engine;

/**
 * What a channel is doing right now inside an application (playing, waiting, ringing, running AGI). The channel
 * offers it DTMF and cancels it on hangup, redirect or when AMI Bridge takes the channel.
 */
public interface Activity {

  /** Returns true when the digit was consumed; unconsumed digits wait in the channel's type-ahead buffer. */
  default boolean digit(char digit) {
    return false;
  }

  void cancel();
}
