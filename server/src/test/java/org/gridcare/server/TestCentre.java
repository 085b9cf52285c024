package org.gridcare.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.storage.StorageSettings;

/**
 * The whole contact centre for server tests: the shipped configuration pointed at the test's real servers, on free
 * ports, with its files (keys, TTS cache, recordings, voicemail) in a fresh directory and the shipped menu and prompts
 * read from the repository (tests run in the module's directory).
 */
public record TestCentre(ContactCentre cc, ContactCentreConfig config) implements AutoCloseable {

  public static TestCentre start(StorageSettings storage) throws Exception {
    return start(storage, Map.of());
  }

  public static TestCentre start(StorageSettings storage, Map<String, String> overrides) throws Exception {
    return start(config(storage, overrides));
  }

  public static TestCentre start(ContactCentreConfig config) throws Exception {
    ContactCentre cc = ContactCentre.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return new TestCentre(cc, config);
  }

  static ContactCentreConfig config(StorageSettings storage, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(environment(storage, newDataDir()));
    env.putAll(overrides);
    return ConfigLoader.load(repoRoot().resolve("config/contact-centre.yaml"), env);
  }

  /** The shipped configuration on the test's servers with its files under {@code data}. */
  public static ContactCentreConfig config(StorageSettings storage, Path data) {
    return ConfigLoader.load(repoRoot().resolve("config/contact-centre.yaml"), environment(storage, data));
  }

  /** The configuration as a test's environment overrides: real servers, free ports, files under {@code data}. */
  public static Map<String, String> environment(StorageSettings storage, Path data) {
    Map<String, String> env = new HashMap<>(workingDirs(repoRoot(), data));
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_STORAGE_POSTGRES_URL", storage.postgresUrl());
    env.put("CC_STORAGE_POSTGRES_USER", storage.postgresUser());
    env.put("CC_STORAGE_REDIS_URL", storage.redisUrl());
    return env;
  }

  /** Free AGI port, files under a fresh directory, the repository's menu and prompts (embedded storage kept). */
  static Map<String, String> workingDirs(Path root) {
    return workingDirs(root, newDataDir());
  }

  private static Map<String, String> workingDirs(Path root, Path data) {
    return Map.of(
        "CC_PBX_AGI_PORT", "0", // a free port: test JVMs (and a running demo) must not collide on 4573
        "CC_STORAGE_DATA_DIR", data.toString(),
        "CC_IVR_MENU_FILE", root.resolve("config/ivr.yaml").toString(),
        "CC_IVR_PROMPTS_DIR", root.resolve("config/prompts").toString(),
        "CC_PRIVACY_RECORDS_FILE", root.resolve("config/privacy.yaml").toString(),
        "CC_IVR_TTS_CACHE_DIR", data.resolve("tts").toString(),
        "CC_RECORDINGS_MONITOR_DIR", data.resolve("monitor").toString(),
        "CC_RECORDINGS_STORE_DIR", data.resolve("recordings").toString(),
        "CC_RECORDINGS_ARCHIVE_DIR", data.resolve("archive").toString());
  }

  public static Path newDataDir() {
    try {
      return Files.createTempDirectory("cc-test-data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path repoRoot() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  /** Polls a condition no event announces (a row written after the PBX event), for up to 20 s. */
  public static void eventually(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    cc.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
