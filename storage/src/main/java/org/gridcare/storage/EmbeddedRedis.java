package org.gridcare.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real Redis server (embedded-redis's binary) bound to 127.0.0.1. With a data directory it appends to a log there
 * so live state survives a restart; without one it keeps nothing on disk.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static EmbeddedRedis start(Path dataDir) {
    try {
      int port = freePort();
      var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"");
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        builder.setting("dir " + dataDir.toAbsolutePath()).setting("appendonly yes");
      } else {
        builder.setting("appendonly no");
      }
      RedisServer server = builder.build();
      server.start();
      return new EmbeddedRedis(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded Redis: " + e.getMessage(), e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
