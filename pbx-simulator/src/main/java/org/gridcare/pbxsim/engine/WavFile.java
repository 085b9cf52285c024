package org.gridcare.pbxsim.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds what MixMonitor writes for {@code .wav}: RIFF WAVE, PCM 16-bit, mono, 8000 Hz. Audible stretches are a
 * quiet 440 Hz tone (so a listener hears that something was recorded), muted stretches are silence.
 */
final class WavFile {
  static final int RATE = 8000;

  /** A stretch of the recording: {@code audible} false for muted time. */
  record Segment(long millis, boolean audible) {}

  private WavFile() {}

  static byte[] render(List<Segment> segments) {
    long samples = 0;
    for (Segment s : segments) {
      samples += s.millis() * RATE / 1000;
    }
    int dataBytes = (int) Math.min(Integer.MAX_VALUE - 44L, samples * 2);
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(dataBytes);
    long n = 0;
    for (Segment s : segments) {
      long count = s.millis() * RATE / 1000;
      for (long i = 0; i < count && b.remaining() >= 2; i++, n++) {
        short v = s.audible() ? (short) (Math.sin(2 * Math.PI * 440 * n / RATE) * 3000) : 0;
        b.putShort(v);
      }
    }
    return b.array();
  }
}
