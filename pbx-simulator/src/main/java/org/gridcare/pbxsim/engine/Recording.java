package org.gridcare.pbxsim.engine;

import java.util.ArrayList;
import java.util.List;

/** A running MixMonitor on one channel: target files and the audible / muted stretches so far. */
final class Recording {
  private final List<String> files;
  private final List<WavFile.Segment> segments = new ArrayList<>();
  private long segmentStart;
  private boolean muted;

  Recording(List<String> files, long now) {
    this.files = files;
    this.segmentStart = now;
  }

  List<String> files() {
    return files;
  }

  String mainFile() {
    return files.get(0);
  }

  void mute(boolean mute, long now) {
    if (mute != muted) {
      close(now);
      muted = mute;
    }
  }

  List<WavFile.Segment> finish(long now) {
    close(now);
    return segments;
  }

  private void close(long now) {
    if (now > segmentStart) {
      segments.add(new WavFile.Segment(now - segmentStart, !muted));
    }
    segmentStart = now;
  }
}
