package org.gridcare.server.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.DemoTraffic;
import org.gridcare.server.DemoUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the server on its own PostgreSQL and Redis (data under ./data) with the simulated PBX "
        + "and synthetic traffic; prints the URL and the demo users.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
  Path config;

  @Option(names = "--port", description = "HTTP port (default 8080)")
  Integer port;

  @Option(names = "--data-dir", description = "where the demo keeps PostgreSQL, Redis and recordings (default ./data)")
  String dataDir;

  @Option(names = "--calls-every", defaultValue = "15",
      description = "seconds between synthetic calls on the simulated PBX (0: no traffic; default ${DEFAULT-VALUE})")
  int callsEvery;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    // The demo always runs on its own servers and the simulator, whatever the file says about production.
    env.remove("CC_STORAGE_POSTGRES_URL");
    env.remove("CC_STORAGE_REDIS_URL");
    env.put("CC_PBX_MODE", "simulator");
    if (port != null) {
      env.put("CC_SERVER_PORT", String.valueOf(port));
    }
    if (dataDir != null) {
      env.put("CC_STORAGE_DATA_DIR", dataDir);
    }
    ContactCentreConfig cfg;
    try {
      cfg = ConfigLoader.load(config, env);
    } catch (ConfigException e) {
      return Cli.configError(e);
    }
    ContactCentre cc = Cli.await(ContactCentre.start(cfg), 180);
    String url = "http://" + cfg.server().host() + ":" + cc.httpPort() + "/";
    var users = Cli.await(DemoUsers.ensure(cc.authentication(), ContactCentre.dataDir(cfg)), 60);
    if (callsEvery > 0) {
      Cli.await(DemoTraffic.start(cc, cfg, java.time.Duration.ofSeconds(callsEvery)), 60);
    }
    System.out.println();
    System.out.println("Gridcare contact centre demo is up: " + url);
    System.out.println("Data under " + ContactCentre.dataDir(cfg).toAbsolutePath() + " (kept across restarts)");
    System.out.println("Demo users (role: username / password):");
    users.forEach(u -> System.out.println("  " + u));
    System.out.println("Ctrl-C stops the demo and its PostgreSQL and Redis.");
    return Cli.serveUntilSignalled(cc);
  }
}
