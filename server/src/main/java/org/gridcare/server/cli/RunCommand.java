package org.gridcare.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.ContactCentre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the server in production mode against the configured PostgreSQL, Redis and PBX.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "configuration file (YAML)")
  Path config;

  @Option(names = "--port", description = "HTTP port (overrides server.port)")
  Integer port;

  @Override
  public Integer call() throws Exception {
    ContactCentreConfig cfg;
    try {
      cfg = Cli.load(config, port);
    } catch (ConfigException e) {
      return Cli.configError(e);
    }
    ContactCentre cc = Cli.await(ContactCentre.start(cfg), 180);
    System.out.println("Contact centre running on http://" + cfg.server().host() + ":" + cc.httpPort() + "/");
    return Cli.serveUntilSignalled(cc);
  }
}
