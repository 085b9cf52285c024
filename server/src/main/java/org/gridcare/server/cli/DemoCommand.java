package org.gridcare.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the server on its own PostgreSQL and Redis (data under ./data) with the simulated PBX "
        + "and synthetic traffic; prints the URL and the demo users.")
final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  private static final Duration OUTAGE_AFTER = Duration.ofMinutes(1);
  private static final String TOKEN_ENV = "CC_NOTIFICATIONS_TWILIO_AUTH_TOKEN";

  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
  Path config;

  @Option(names = "--port", description = "HTTP port (default 8080)")
  Integer port;

  @Option(names = "--data-dir", description = "where the demo keeps PostgreSQL, Redis and recordings (default ./data)")
  String dataDir;

  @Option(names = "--calls-every", defaultValue = "15",
      description = "seconds between synthetic calls on the simulated PBX (0: no traffic; default ${DEFAULT-VALUE})")
  int callsEvery;

  private volatile TwilioMock twilioMock;

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
    TwilioMock twilio = startTwilioMock(env);
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
    DemoTraffic.outageAfter(cc, OUTAGE_AFTER);
    System.out.println();
    System.out.println("Gridcare contact centre demo is up: " + url);
    System.out.println("Data under " + ContactCentre.dataDir(cfg).toAbsolutePath() + " (kept across restarts)");
    System.out.println("Demo users (role: username / password):");
    users.forEach(u -> System.out.println("  " + u));
    System.out.println("In " + OUTAGE_AFTER.toMinutes() + " minute an unplanned outage hits " + DemoTraffic.OUTAGE_AREA
        + (twilio != null ? "; its SMS go to the Twilio mock at " + twilio.baseUrl()
            : "; its SMS stay pending (no Twilio mock, see the log)") + ".");
    System.out.println("Watch it: CC_PASSWORD=<demo-supervisor's password> ./contact-centre notify status OUTAGE-ID "
        + "--url " + url + " --user demo-supervisor --follow (the outage id is logged)");
    System.out.println("Ctrl-C stops the demo and its PostgreSQL and Redis.");
    return Cli.serveUntilSignalled(cc);
  }

  /**
   * Starts {@code scripts/twilio-mock.sh} on a free port and points {@code notifications.twilio} at it through the
   * configuration overrides, with an account SID and auth token generated for this run (the mock accepts any); the
   * token stays in the overrides map, which the loaded configuration's secrets read.
   * Without node/npm, or when the mock does not start, the demo runs on and its outage SMS stay pending.
   */
  private TwilioMock startTwilioMock(Map<String, String> env) {
    if (!TwilioMock.available()) {
      LOG.warn("node/npm not found: no local Twilio mock, the demo outage's SMS stay pending");
      return null;
    }
    try {
      TwilioMock mock = TwilioMock.script(TwilioMock.freePort());
      twilioMock = mock;
      Runtime.getRuntime().addShutdownHook(new Thread(this::stopTwilioMock, "twilio-mock-stop"));
      SecureRandom random = new SecureRandom();
      env.put("CC_NOTIFICATIONS_TWILIO_ACCOUNT_SID", "AC" + hex(random));
      env.put(TOKEN_ENV, hex(random));
      env.put("CC_NOTIFICATIONS_TWILIO_FROM", "+4759440000");
      env.put("CC_NOTIFICATIONS_TWILIO_BASE_URL", mock.baseUrl());
      return mock;
    } catch (IOException | InterruptedException e) {
      LOG.warn("the local Twilio mock did not start ({}): the demo outage's SMS stay pending", e.getMessage());
      return null;
    }
  }

  /** On exit (after a signal, or when the start failed). */
  private void stopTwilioMock() {
    twilioMock.close();
  }

  private static String hex(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
