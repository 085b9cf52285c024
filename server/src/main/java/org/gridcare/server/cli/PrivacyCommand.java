package org.gridcare.server.cli;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.privacy.PrivacyModule;
import org.gridcare.privacy.domain.RecordMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "privacy", mixinStandardHelpOptions = true, description = "Data protection.",
    subcommands = PrivacyCommand.Record.class)
final class PrivacyCommand {

  @Command(name = "record", mixinStandardHelpOptions = true,
      description = "Print the record of processing activities (Markdown) from privacy.records-file; "
          + "docs/PRIVACY.md is this output.")
  static final class Record implements Callable<Integer> {
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
        System.out.print(RecordMarkdown.render(Cli.await(PrivacyModule.loadRecords(vertx, cfg), 30)));
        return 0;
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof ConfigException c) {
          return Cli.configError(c);
        }
        throw e;
      } finally {
        Cli.await(vertx.close(), 10);
      }
    }
  }
}
