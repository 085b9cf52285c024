package org.gridcare.recordings.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * What the RIFF/WAVE header of a MixMonitor file says: format, byte rate and the data size it declares. A file
 * shorter than its header declares is truncated (a crash while recording): still playable up to where it ends.
 */
public record WavInfo(int channels, int sampleRate, int byteRate, long declaredDataBytes, long dataOffset) {

  /** Parses the first bytes of a file; empty when it is not a WAVE file. */
  public static Optional<WavInfo> parse(byte[] head) {
    if (head.length < 12) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
      return Optional.empty();
    }
    int pos = 12;
    int channels = 0;
    int rate = 0;
    int byteRate = 0;
    while (pos + 8 <= head.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      if (id == 0x20746d66 && pos + 24 <= head.length) { // "fmt "
        channels = b.getShort(pos + 10);
        rate = b.getInt(pos + 12);
        byteRate = b.getInt(pos + 16);
      } else if (id == 0x61746164) { // "data"
        return byteRate <= 0 ? Optional.empty()
            : Optional.of(new WavInfo(channels, rate, byteRate, size, pos + 8));
      }
      pos += 8 + (int) size + (int) (size & 1);
    }
    return Optional.empty();
  }

  /** Playable duration of a file of {@code fileSize} bytes (the shorter of declared and present audio). */
  public long durationMs(long fileSize) {
    long present = Math.max(0, fileSize - dataOffset);
    return Math.min(present, declaredDataBytes) * 1000 / byteRate;
  }

  public boolean truncated(long fileSize) {
    return fileSize - dataOffset < declaredDataBytes;
  }
}
