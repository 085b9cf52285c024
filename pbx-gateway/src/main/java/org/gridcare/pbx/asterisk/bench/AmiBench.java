package org.gridcare.pbx.asterisk.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.asterisk.AsteriskGateway;
import org.gridcare.pbx.domain.PbxEvent;

/**
 * AMI ingestion rate: a captured inbound call's event stream (from a real Asterisk), replayed back to back at full
 * speed over loopback, read (1) by the production adapter ({@link AsteriskGateway}: Asterisk-Java's ManagerConnection
 * parsing every frame into a ManagerEvent, the adapter's event pump and translation to domain events on the event loop)
 * and (2) by a bare socket reader that only finds the frame ends in the same bytes. Each side's clock runs from the
 * first replayed byte to its end: the bare reader's EOF, the adapter's delivery of a marker call's hang-up written
 * after the replay (events reach the domain in order).
 */
public final class AmiBench {
  private static final String MARKER = "9999999999.77";

  private AmiBench() {}

  /** {@code quick}: 200 replayed calls (~30k events) per side; full: 3,000 (~450k), each after a tenth as warm-up. */
  public static JsonObject run(Vertx vertx, Path capture, boolean quick) throws Exception {
    AmiCapture cap = AmiCapture.read(capture);
    int copies = quick ? 200 : 3000;
    byte[] call = cap.callBytes();
    byte[] marker = cap.markerBytes(MARKER);
    raw(call, marker, copies / 10);
    adapter(vertx, call, marker, copies / 10);
    long events = (long) copies * cap.frames().size() + 2;
    double rawSeconds = raw(call, marker, copies);
    double adapterSeconds = adapter(vertx, call, marker, copies);
    double perSecond = events / adapterSeconds;
    double rawPerSecond = events / rawSeconds;
    return new JsonObject()
        .put("benchmark", "ami")
        .put("events", events)
        .put("events_per_call", cap.frames().size())
        .put("events_per_s", Math.round(perSecond))
        .put("raw_events_per_s", Math.round(rawPerSecond))
        .put("ratio", Math.round(perSecond / rawPerSecond * 10_000) / 10_000.0);
  }

  /** Seconds for a bare socket to read the replay and count its frames. */
  private static double raw(byte[] call, byte[] marker, int copies) throws IOException {
    try (AmiReplayServer server = new AmiReplayServer(call, marker, copies, true);
         Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[1 << 16];
      long frames = 0;
      int matched = 0; // how much of \r\n\r\n the bytes so far end with
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
          if (matched == 4) {
            frames++;
            matched = 0;
          }
        }
      }
      long end = System.nanoTime();
      long expected = (long) copies * countFrames(call) + 2;
      if (frames != expected) {
        throw new IllegalStateException("raw reader saw " + frames + " frames, expected " + expected);
      }
      return (end - server.startedNanos()) / 1e9;
    }
  }

  /** Seconds for the adapter to ingest the replay, up to the marker call's hang-up on the event loop. */
  private static double adapter(Vertx vertx, byte[] call, byte[] marker, int copies) throws Exception {
    try (AmiReplayServer server = new AmiReplayServer(call, marker, copies, false)) {
      PbxConfig config = new PbxConfig(PbxConfig.Mode.asterisk,
          new PbxConfig.Ami("127.0.0.1", server.port(), "bench", null, null, null, null),
          new PbxConfig.Agi("127.0.0.1", 0, 10));
      CompletableFuture<Long> done = new CompletableFuture<>();
      AsteriskGateway gateway = AsteriskGateway.start(vertx, config, "bench-secret")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try {
        vertx.runOnContext(v -> gateway.pbx().subscribe(e -> {
          if (e instanceof PbxEvent.PbxConnected) {
            server.replay();
          } else if (e instanceof PbxEvent.ChannelHungUp h && h.channel().value().equals(MARKER)) {
            done.complete(System.nanoTime());
          }
        }));
        if (gateway.status().connected()) {
          server.replay(); // connected before the subscription: no PbxConnected will come
        }
        long end = done.get(10, TimeUnit.MINUTES);
        return (end - server.startedNanos()) / 1e9;
      } finally {
        gateway.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static int countFrames(byte[] bytes) {
    int frames = 0;
    for (int i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
        frames++;
        i += 3;
      }
    }
    return frames;
  }
}
