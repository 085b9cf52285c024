package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.gridcare.ivr.domain.ApplicationStatus;

/** Requests the IVR registers or looks up in the CRM: fault tickets, voicemail call-backs, application status. */
public interface ServiceRequests {

  /** Registers a "no power" fault for the customer's area; returns the ticket number callers can quote. */
  Future<String> reportFault(FaultReport report);

  /** Registers a call-back ticket on {@code topic} with the recording attached; returns the ticket number. */
  Future<String> registerVoicemail(Voicemail voicemail);

  Future<Optional<ApplicationStatus>> applicationStatus(String applicationNumber);

  /**
   * {@code customerId} and {@code areaId} may be null (unidentified caller); {@code callerNumber} is E.164 or null.
   * {@code outages} is what the call learnt from the outage register about the caller's area.
   */
  record FaultReport(String callId, String customerId, String areaId, String callerNumber, OutagesKnown outages) {}

  /** What the IVR knew of outages in the caller's area when the fault was reported. */
  sealed interface OutagesKnown {
    /** The register was not consulted, or failed. */
    record NotChecked() implements OutagesKnown {}

    /** The register had no outage covering the area. */
    record None() implements OutagesKnown {}

    /** This outage was announced to the caller, who reported a fault anyway. */
    record Announced(String outageId, String cause) implements OutagesKnown {}
  }

  /** {@code recordingFile} is the WAV the caller recorded; {@code customerId} and {@code callerNumber} may be null. */
  record Voicemail(String callId, String topic, String recordingFile, Duration maxLength, String customerId,
      String callerNumber) {}
}
