package org.gridcare.pbxsim;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gridcare.pbxsim.agi.FastAgiLauncher;
import org.gridcare.pbxsim.ami.AmiServer;
import org.gridcare.pbxsim.dialplan.Dialplan;
import org.gridcare.pbxsim.dialplan.DialplanParser;
import org.gridcare.pbxsim.engine.EndpointConfig;
import org.gridcare.pbxsim.engine.EngineSettings;
import org.gridcare.pbxsim.engine.IncomingCallHandler;
import org.gridcare.pbxsim.engine.PjsipEndpoints;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's control surface: start it, point an AMI client at {@link #amiPort()}, place calls and drive
 * softphones. All PBX state lives on one Vert.x context; these methods may be called from any thread.
 */
public final class PbxSimulator {
  private static final Logger LOG = LoggerFactory.getLogger(PbxSimulator.class);
  private static final String TRUNK = "trunk";

  private final Vertx vertx;
  private final SimulatorOptions options;
  private final Switchboard sb;
  private final AmiServer ami;
  private final String deploymentId;
  private final int amiPort;
  private final Map<String, SimPhone> phones = new ConcurrentHashMap<>();

  private PbxSimulator(Vertx vertx, SimulatorOptions options, Switchboard sb, AmiServer ami, String deploymentId,
      int amiPort) {
    this.vertx = vertx;
    this.options = options;
    this.sb = sb;
    this.ami = ami;
    this.deploymentId = deploymentId;
    this.amiPort = amiPort;
    sb.outbound().phoneFactory(this::phoneOnDemand);
  }

  /** Parses the dialplan and pjsip.conf, starts the AMI listener; fails with {@code bad-dialplan} on a bad file. */
  public static Future<PbxSimulator> start(Vertx vertx, SimulatorOptions options) {
    Loader loader = new Loader(options);
    return vertx.deployVerticle(loader).map(id -> {
      PbxSimulator sim = new PbxSimulator(vertx, options, loader.sb, loader.ami, id, loader.port);
      LOG.info("PBX simulator up: AMI port {}, dialplan {}", sim.amiPort, options.dialplan());
      return sim;
    });
  }

  /** Builds the engine on the verticle's context so that AMI connections and timers run there. */
  private static final class Loader extends VerticleBase {
    private final SimulatorOptions options;
    private Switchboard sb;
    private AmiServer ami;
    private int port;

    Loader(SimulatorOptions options) {
      this.options = options;
    }

    @Override
    public Future<?> start() {
      Context ctx = context;
      return vertx.<Object[]>executeBlocking(() -> new Object[] {
              DialplanParser.parse(options.dialplan()),
              options.pjsipConfig() != null && java.nio.file.Files.isRegularFile(options.pjsipConfig())
                  ? PjsipEndpoints.read(options.pjsipConfig()) : Map.<String, EndpointConfig>of()})
          .compose(loaded -> {
            Dialplan dialplan = (Dialplan) loaded[0];
            @SuppressWarnings("unchecked")
            Map<String, EndpointConfig> endpoints = (Map<String, EndpointConfig>) loaded[1];
            Map<String, String> overrides = options.agiHost() == null && options.agiPort() == null ? Map.of()
                : Map.of("CC_AGI", (options.agiHost() == null ? "127.0.0.1" : options.agiHost()) + ":"
                    + (options.agiPort() == null ? 4573 : options.agiPort()));
            sb = new Switchboard(vertx, ctx, dialplan, overrides, endpoints,
                new EngineSettings(options.recordingsDir(), options.promptDuration(), options.seed()),
                new FastAgiLauncher());
            sb.addEndpoint(new EndpointConfig(TRUNK, "cc-inbound", null, null));
            ami = new AmiServer(sb, new AmiServer.Credentials(options.amiUsername(), options.amiSecret(),
                options.authFailureDelay()));
            return ami.listen(options.host(), options.amiPort());
          })
          .onSuccess(p -> port = p);
    }

    @Override
    public Future<?> stop() {
      if (sb != null) {
        sb.hangupAll();
      }
      return ami == null ? Future.succeededFuture() : ami.close();
    }
  }

  public int amiPort() {
    return amiPort;
  }

  public SimulatorOptions options() {
    return options;
  }

  /** A customer dials {@code did} through the trunk; the call enters the trunk endpoint's context there. */
  public SimCall placeCall(String callerNumber, String did) {
    return placeCall(callerNumber, null, did);
  }

  public SimCall placeCall(String callerNumber, String callerName, String did) {
    return placeCallFrom(TRUNK, callerNumber, callerName, did);
  }

  /** A call from any configured endpoint into its context (the capture replay uses the lab's "caller"). */
  SimCall placeCallFrom(String endpoint, String callerNumber, String callerName, String exten) {
    if (exten == null || exten.isBlank()) {
      throw DomainException.invalid("bad-did", "the dialled number is empty");
    }
    SimChannel ch = sb.allocate(endpoint, null);
    SimCall call = new SimCall(sb, ch, CallState.RINGING);
    LOG.debug("call from {} to {} on {}", Masking.phone(callerNumber), exten, ch.name());
    sb.run(() -> {
      EndpointConfig from = sb.endpoint(endpoint).orElseThrow();
      sb.observe(ch, call);
      sb.inbound(ch, from.context(), exten, callerNumber, callerName);
    });
    return call;
  }

  /** The softphone behind a device ({@code PJSIP/op1001} or {@code op1001}); created on first use. */
  public SimPhone phone(String device) {
    String name = device.regionMatches(true, 0, "PJSIP/", 0, 6) ? device.substring(6) : device;
    if (name.isBlank() || name.contains("@")) {
      throw DomainException.invalid("bad-device", "not a PJSIP device: " + device);
    }
    sb.run(() -> {
      if (sb.endpoint(name).isEmpty()) {
        sb.addEndpoint(new EndpointConfig(name, "cc-no-direct-dial", null, null));
      }
    });
    return phones.computeIfAbsent(name, n -> attach(new SimPhone(sb, n, false, Duration.ZERO)));
  }

  /** The customer's phone reached by dialling {@code number} through the trunk ({@code PJSIP/<number>@trunk}). */
  public SimPhone external(String number) {
    String address = TRUNK + "/" + number;
    Duration delay = options.externalAnswerDelay();
    return phones.computeIfAbsent(address,
        a -> attach(new SimPhone(sb, a, delay != null, delay == null ? Duration.ZERO : delay)));
  }

  private SimPhone attach(SimPhone phone) {
    sb.run(() -> sb.attachPhone(phone.address(), phone));
    return phone;
  }

  private Optional<IncomingCallHandler> phoneOnDemand(String address) {
    if (address.startsWith(TRUNK + "/")) {
      return Optional.of(external(address.substring(TRUNK.length() + 1)));
    }
    return sb.endpoint(address).map(e -> phone(address));
  }

  /** Names of the live channels, as CoreShowChannels would list them. */
  /** The channels in the ConfBridge room {@code room} now, in the order they joined (empty when there is none). */
  public Future<List<String>> conference(String room) {
    return sb.call(() -> sb.conferenceMembers(room));
  }

  public Future<List<String>> channels() {
    return sb.call(() -> sb.channels().stream().map(SimChannel::name).toList());
  }

  /** Closes every AMI connection, as an Asterisk restart would; the listener keeps accepting. */
  public Future<Void> dropAmiConnections() {
    return sb.call(() -> ami.dropConnections()).compose(f -> f);
  }

  /** Hangs up every channel and stops listening. */
  public Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }

  Switchboard switchboard() {
    return sb;
  }
}
