package org.gridcare.privacy.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.gridcare.privacy.domain.Sweep;

/** Voicemail messages, files named after the call that left them (port). */
public interface VoicemailFiles {

  Future<Sweep> expired(Instant cutoff);

  Future<Sweep> purge(Instant cutoff);

  /** The messages left in these calls. */
  Future<List<Path>> ofCalls(Set<String> callIds);

  Future<Void> delete(List<Path> files);
}
