package org.gridcare.server.notify;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.storage.StorageSettings;

/** The shipped configuration on the test's real servers, free ports, and files under {@code data}. */
final class Centres {
  private Centres() {}

  static ContactCentreConfig config(StorageSettings storage, Path data) {
    Path root = Path.of("..").toAbsolutePath().normalize();
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
    return ConfigLoader.load(root.resolve("config/contact-centre.yaml"), env);
  }
}
