package org.gridcare.pbxsim.engine;

/** A simulated phone behind an endpoint: told when its channel rings; answers or rejects through {@code call}. */
public interface IncomingCallHandler {

  void ringing(SimChannel channel, RingingCall call);

  /** The phone's control over one ringing channel. Calls after the ringing ended are ignored. */
  interface RingingCall {
    void answer();

    void reject();
  }
}
