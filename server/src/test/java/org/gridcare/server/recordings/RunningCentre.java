package org.gridcare.server.recordings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.ContactCentre;
import org.gridcare.storage.StorageSettings;

/**
 * The shipped configuration pointed at the test's real servers, on free ports, with its files in a fresh directory
 * (the same set-up as {@code org.gridcare.server.TestCentre}, which is package-private to the server's own tests).
 */
record RunningCentre(ContactCentre cc, ContactCentreConfig config) implements AutoCloseable {

  static RunningCentre start(StorageSettings storage) throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path data = Files.createTempDirectory("cc-test-data");
    Map<String, String> env = new HashMap<>();
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_PBX_AGI_PORT", "0");
    env.put("CC_STORAGE_POSTGRES_URL", storage.postgresUrl());
    env.put("CC_STORAGE_POSTGRES_USER", storage.postgresUser());
    env.put("CC_STORAGE_REDIS_URL", storage.redisUrl());
    env.put("CC_STORAGE_DATA_DIR", data.toString());
    env.put("CC_IVR_MENU_FILE", root.resolve("config/ivr.yaml").toString());
    env.put("CC_IVR_PROMPTS_DIR", root.resolve("config/prompts").toString());
    env.put("CC_IVR_TTS_CACHE_DIR", data.resolve("tts").toString());
    env.put("CC_RECORDINGS_MONITOR_DIR", data.resolve("monitor").toString());
    env.put("CC_RECORDINGS_STORE_DIR", data.resolve("recordings").toString());
    env.put("CC_RECORDINGS_ARCHIVE_DIR", data.resolve("archive").toString());
    ContactCentreConfig config = ConfigLoader.load(root.resolve("config/contact-centre.yaml"), env);
    ContactCentre cc = ContactCentre.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    return new RunningCentre(cc, config);
  }

  @Override
  public void close() throws Exception {
    cc.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
