package org.gridcare.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.storage.StorageSettings;

/** The shipped configuration pointed at the test's real servers, on a free HTTP port. */
record TestCentre(ContactCentre cc, ContactCentreConfig config) implements AutoCloseable {

  static TestCentre start(StorageSettings storage) throws Exception {
    return start(storage, Map.of());
  }

  static TestCentre start(StorageSettings storage, Map<String, String> overrides) throws Exception {
    ContactCentreConfig config = config(storage, overrides);
    ContactCentre cc = ContactCentre.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return new TestCentre(cc, config);
  }

  static ContactCentreConfig config(StorageSettings storage, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(workingDirs(repoRoot()));
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_STORAGE_POSTGRES_URL", storage.postgresUrl());
    env.put("CC_STORAGE_POSTGRES_USER", storage.postgresUser());
    env.put("CC_STORAGE_REDIS_URL", storage.redisUrl());
    env.putAll(overrides);
    return ConfigLoader.load(repoRoot().resolve("config/contact-centre.yaml"), env);
  }

  /**
   * Test runs keep their files (keys, TTS cache, recordings, voicemail) in a fresh directory, and read the shipped
   * menu and prompts from the repository (tests run in the module's directory).
   */
  static Map<String, String> workingDirs(Path root) {
    Path data;
    try {
      data = java.nio.file.Files.createTempDirectory("cc-test-data");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Map.of(
        "CC_PBX_AGI_PORT", "0", // a free port: test JVMs (and a running demo) must not collide on 4573
        "CC_STORAGE_DATA_DIR", data.toString(),
        "CC_IVR_MENU_FILE", root.resolve("config/ivr.yaml").toString(),
        "CC_IVR_PROMPTS_DIR", root.resolve("config/prompts").toString(),
        "CC_IVR_TTS_CACHE_DIR", data.resolve("tts").toString(),
        "CC_RECORDINGS_MONITOR_DIR", data.resolve("monitor").toString(),
        "CC_RECORDINGS_STORE_DIR", data.resolve("recordings").toString(),
        "CC_RECORDINGS_ARCHIVE_DIR", data.resolve("archive").toString());
  }

  static Path repoRoot() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  @Override
  public void close() throws Exception {
    cc.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
