package org.gridcare.server.cli;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.platform.audit.Audit;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Access audit tools.",
    subcommands = AuditCommand.Verify.class)
final class AuditCommand {

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Recompute the audit's hash chain; exit 0 when intact, 3 naming the first tampered entry.")
  static final class Verify implements Callable<Integer> {
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
        try {
          Audit.Verification v = Cli.await(storage.audit().verify(), 300);
          if (v.intact()) {
            System.out.println("Audit intact: " + v.entries() + " entries, chain verified.");
            return 0;
          }
          System.err.println("Audit TAMPERED: " + v.problem());
          return 3;
        } finally {
          Cli.await(storage.close(), 30);
        }
      } finally {
        Cli.await(vertx.close(), 10);
      }
    }
  }
}
