package org.gridcare.acd.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;

/** A Lua script run by its SHA-1 (one round trip), sent in full only when Redis does not know it yet. */
final class LuaScript {
  private final String text;
  private final String sha;
  private final ScriptOutputType output;

  LuaScript(String text, ScriptOutputType output) {
    this.text = text;
    this.output = output;
    try {
      this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
    CompletionStage<T> first = redis.evalsha(sha, output, keys, args);
    return first.exceptionallyCompose(e -> {
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RedisNoScriptException) {
        return redis.eval(text, output, keys, args);
      }
      return java.util.concurrent.CompletableFuture.failedStage(cause);
    });
  }
}
