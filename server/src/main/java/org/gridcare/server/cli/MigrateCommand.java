package org.gridcare.server.cli;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Apply the database migrations (the server also does this at start) and exit.")
final class MigrateCommand implements Callable<Integer> {
  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
  Path config;

  @Override
  public Integer call() throws Exception {
    ContactCentreConfig cfg;
    try {
      cfg = Cli.load(config, null);
    } catch (ConfigException e) {
      return Cli.configError(e);
    }
    Vertx vertx = Vertx.vertx();
    try {
      Storage storage = Cli.await(Storage.start(vertx, StorageSettings.from(cfg.storage())), 120);
      System.out.println("Database schema is up to date (version " + storage.schemaVersion() + ").");
      Cli.await(storage.close(), 30);
      return 0;
    } finally {
      Cli.await(vertx.close(), 10);
    }
  }
}
