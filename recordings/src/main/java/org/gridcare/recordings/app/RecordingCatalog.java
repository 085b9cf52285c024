package org.gridcare.recordings.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridcare.recordings.domain.AuditEntry;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.RecordingQuery;

/** Recording metadata and the access audit of recordings (port); every audit entry is also journalled. */
public interface RecordingCatalog {

  /**
   * Stores a new recording; a second save for the same call is ignored (the lifecycle may retry), unless the call's
   * recording was filed as {@code missing} and this one has the file (the monitor sweep found it later).
   */
  Future<Void> save(Recording recording);

  Future<Optional<Recording>> byId(String id);

  Future<List<Recording>> search(RecordingQuery query);

  /** Links the recording to a ticket and audits who did it; linking twice is harmless. */
  Future<Void> linkTicket(String recordingId, long ticket, String actor, Instant at);

  /** Links the recording of a call (the CRM links calls to tickets); false when that call has no recording. */
  Future<Boolean> linkTicketByCall(String callId, long ticket, String actor, Instant at);

  Future<Void> audit(AuditEntry entry);

  Future<Void> setHold(String recordingId, boolean hold, AuditEntry entry);

  /**
   * Recordings retention may act on, oldest first: stored ones started before {@code archiveBefore}, and any not yet
   * purged started before {@code purgeBefore}; never those on legal hold.
   */
  Future<List<Recording>> retentionCandidates(Instant archiveBefore, Instant purgeBefore, int limit);

  /** Marks the recording archived under {@code archiveKey} (the caller audited it before acting). */
  Future<Void> archived(String recordingId, String archiveKey);

  /** Marks the recording purged (the caller audited it before acting). */
  Future<Void> purged(String recordingId);

  Future<List<AuditEntry>> auditTrail(String recordingId);

  /** The recording catalogued for a call, if any. */
  Future<Optional<Recording>> byCall(String callId);

  /**
   * What was known when recording of {@code callId} started ({@code recordings.started} in the journal, with the
   * customer the call was later identified as): enough to catalogue a file a crash left behind.
   */
  Future<Optional<StartedRecording>> started(String callId);

  record StartedRecording(String recordingId, String callId, Instant startedAt, Direction direction, Integer line,
      String topic, String operator, String customerPhone, String customerId) {}
}
