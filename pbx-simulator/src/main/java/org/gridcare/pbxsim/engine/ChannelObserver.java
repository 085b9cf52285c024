package org.gridcare.pbxsim.engine;

/** A simulated party's view of its channel (implemented by the public SimCall). Called on the engine context. */
public interface ChannelObserver {
  enum Phase { RINGING, UP, BRIDGED, UNBRIDGED, HUNG_UP }

  void prompt(String name);

  void phase(Phase phase);

  void musicOnHold(boolean playing);

  /** How long the party speaks when recorded (RECORD FILE) before falling silent. */
  default long speechMillis() {
    return 1000;
  }

  /** What the party says on answering, for answering machine detection. */
  default Greeting greeting() {
    return Greeting.PERSON;
  }
}
