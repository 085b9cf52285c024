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
    Map<String, String> env = new HashMap<>();
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_STORAGE_POSTGRES_URL", storage.postgresUrl());
    env.put("CC_STORAGE_POSTGRES_USER", storage.postgresUser());
    env.put("CC_STORAGE_REDIS_URL", storage.redisUrl());
    env.putAll(overrides);
    return ConfigLoader.load(repoRoot().resolve("config/contact-centre.yaml"), env);
  }

  static Path repoRoot() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  @Override
  public void close() throws Exception {
    cc.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
