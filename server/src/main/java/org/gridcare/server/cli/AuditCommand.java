package org.gridcare.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.platform.audit.Audit;
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
      return Cli.withStorage(config, (cfg, vertx, storage) -> {
        Audit.Verification v = Cli.await(storage.audit().verify(), 300);
        if (v.intact()) {
          System.out.println("Audit intact: " + v.entries() + " entries, chain verified.");
          return 0;
        }
        System.err.println("Audit TAMPERED: " + v.problem());
        return 3;
      });
    }
  }
}
