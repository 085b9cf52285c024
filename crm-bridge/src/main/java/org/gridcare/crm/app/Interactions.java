package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridcare.crm.domain.Interaction;

/** The call history (port): one row per call, filled in as the call goes. */
public interface Interactions {

  /** Creates the row for a new call; a second call with the same id is ignored. */
  Future<Void> begin(Interaction interaction);

  Future<Void> identify(String callId, long customerId);

  Future<Void> ivrStep(String callId, String step);

  Future<Void> queued(String callId, int line);

  Future<Void> answered(String callId, String operator, Instant at);

  /** The IVR's or ACD's verdict (self-service, voicemail, callback requested), kept when the call ends. */
  Future<Void> outcome(String callId, Interaction.Outcome outcome);

  /** Ends the call; an outcome already set by the IVR (self-service, voicemail) is kept unless none was set. */
  Future<Void> ended(String callId, Instant at, Interaction.Outcome outcome);

  Future<Optional<Interaction>> byCall(String callId);

  Future<List<Interaction>> forCustomer(long customerId, int limit);
}
