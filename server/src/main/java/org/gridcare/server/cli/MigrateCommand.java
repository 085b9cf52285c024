package org.gridcare.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Apply the database migrations (the server also does this at start) and exit.")
final class MigrateCommand implements Callable<Integer> {
  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
  Path config;

  @Override
  public Integer call() throws Exception {
    return Cli.withStorage(config, (cfg, vertx, storage) -> {
      System.out.println("Database schema is up to date (version " + storage.schemaVersion() + ").");
      return 0;
    });
  }
}
