package org.gridcare.pbxsim.ami;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts the client's byte stream into frames on the empty line, whatever the TCP segmentation. Accepts CRLF (what
 * Asterisk expects) and bare LF. Lines without a colon are kept as a key with an empty value, so the session can
 * reject the frame rather than the parser dropping it. A frame longer than {@link #MAX_FRAME} is reported as an
 * overflow and discarded.
 */
final class AmiFrameParser {
  static final int MAX_FRAME = 64 * 1024;

  private final Consumer<AmiFrame> frames;
  private final Runnable overflow;
  /** Bytes of the current line; decoded as UTF-8 only once complete, so a character split across reads survives. */
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private AmiFrame current = new AmiFrame();
  private int frameSize;
  /** After an overflow: skip the rest of that frame, up to its empty line. */
  private boolean discarding;
  private boolean lineHadText;

  AmiFrameParser(Consumer<AmiFrame> frames, Runnable overflow) {
    this.frames = frames;
    this.overflow = overflow;
  }

  void feed(Buffer data) {
    for (int i = 0; i < data.length(); i++) {
      byte c = data.getByte(i);
      if (c == '\n') {
        if (discarding) {
          discarding = lineHadText;
          lineHadText = false;
        } else {
          endLine();
        }
      } else if (c != '\r') {
        if (discarding) {
          lineHadText = true;
        } else {
          line.write(c);
          if (++frameSize > MAX_FRAME) {
            line.reset();
            current = new AmiFrame();
            frameSize = 0;
            discarding = true;
            lineHadText = true;
            overflow.run();
          }
        }
      }
    }
  }

  private void endLine() {
    if (line.size() == 0) {
      if (!current.isEmpty()) {
        AmiFrame done = current;
        current = new AmiFrame();
        frameSize = 0;
        frames.accept(done);
      }
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    int colon = text.indexOf(':');
    if (colon < 0) {
      current.add(text.strip(), "");
    } else {
      current.add(text.substring(0, colon).strip(), text.substring(colon + 1).stripLeading());
    }
  }
}
