package org.gridcare.pbxsim.engine;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MixMonitor: start (MIXMONITOR_FILENAME VarSet with the absolute path, then MixMonitorStart), mute, stop
 * (MixMonitorStop only when stopped by StopMixMonitor, as Asterisk does) and a real WAV file written when the
 * recording ends, including on hang-up. Relative names land in the recordings directory.
 */
public final class Recordings {
  private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);
  private static final Pattern EXTRA_FILE = Pattern.compile("[rt]\\(([^)]*)\\)");

  private final Switchboard sb;

  Recordings(Switchboard sb) {
    this.sb = sb;
  }

  public Path resolve(String file) {
    Path p = Path.of(file);
    return p.isAbsolute() ? p : sb.settings().recordingsDir().resolve(p).toAbsolutePath();
  }

  /** Returns false when the file name is empty (Asterisk: "Could not start monitoring channel"). */
  public boolean start(SimChannel ch, String file, String options) {
    if (file == null || file.isBlank() || ch.hungUp()) {
      return false;
    }
    List<String> files = new ArrayList<>();
    files.add(resolve(file).toString());
    Matcher m = EXTRA_FILE.matcher(options == null ? "" : options);
    while (m.find()) {
      if (!m.group(1).isBlank()) {
        files.add(resolve(m.group(1)).toString());
      }
    }
    if (ch.recording != null) {
      finish(ch);
    }
    ch.recording = new Recording(files, System.currentTimeMillis());
    sb.setVariable(ch, "MIXMONITOR_FILENAME", files.get(0));
    sb.publish(ch.event("MixMonitorStart", "call,all"));
    return true;
  }

  /**
   * Completes with false when nothing records the channel, else once the file is on disk (Asterisk closes the file
   * before StopMixMonitor returns).
   */
  public Future<Boolean> stop(SimChannel ch) {
    if (ch.recording == null) {
      return Future.succeededFuture(false);
    }
    Future<Void> written = finish(ch);
    sb.publish(ch.event("MixMonitorStop", "call,all"));
    return written.map(true);
  }

  public boolean mute(SimChannel ch, boolean muted) {
    if (ch.recording == null) {
      return false;
    }
    ch.recording.mute(muted, System.currentTimeMillis());
    return true;
  }

  void channelGone(SimChannel ch) {
    if (ch.recording != null) {
      finish(ch);
    }
  }

  private Future<Void> finish(SimChannel ch) {
    Recording rec = ch.recording;
    ch.recording = null;
    byte[] wav = WavFile.render(rec.finish(System.currentTimeMillis()));
    List<Future<Void>> writes = new ArrayList<>();
    for (String file : rec.files()) {
      writes.add(write(file, wav).onFailure(e -> LOG.warn("could not write recording {}", file, e)));
    }
    return Future.all(writes).mapEmpty();
  }

  private Future<Void> write(String file, byte[] wav) {
    String dir = Path.of(file).getParent().toString();
    return sb.vertx().fileSystem().mkdirs(dir)
        .compose(v -> sb.vertx().fileSystem().writeFile(file, Buffer.buffer(wav)));
  }
}
