package org.gridcare.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.domain.Area;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic traffic for {@code ./contact-centre demo}: the configured operators log in on simulated softphones that
 * answer after a ring or two, and callers dial the toll-free number every few seconds, walk the IVR to a topic (or
 * take the danger-to-life shortcut), talk for a while and hang up; impatient ones give up while queued.
 */
public final class DemoTraffic {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
  private static final String DID = "80012345";
  /** Operator-menu keys with weights: outages dominate a storm. */
  private static final String TOPIC_KEYS = "1111112233455660";
  private static final Set<String> OUTAGE_SUBSTATIONS = Set.of("Grefsen", "Kjelsås");
  /** Where the demo's outage is (the sample data set, {@code crm.sample-data}). */
  public static final String OUTAGE_AREA = "OSLO-NORD (substations Grefsen, Kjelsås)";
  private final Vertx vertx;
  private final PbxSimulator sim;
  private final Random random = new Random();
  private long timer = -1;
  private int placed;

  private DemoTraffic(Vertx vertx, PbxSimulator sim) {
    this.vertx = vertx;
    this.sim = sim;
  }

  public static Future<DemoTraffic> start(ContactCentre cc, ContactCentreConfig config, Duration every) {
    PbxSimulator sim = cc.pbxLink().simulator().orElseThrow(() -> new IllegalStateException("demo traffic needs the simulator"));
    DemoTraffic traffic = new DemoTraffic(cc.vertx(), sim);
    Future<Void> staffed = Future.succeededFuture();
    for (OperatorConfig op : config.operators()) {
      sim.phone(op.endpoint()).autoAnswer(true, Duration.ofSeconds(2));
      staffed = staffed.compose(v -> cc.acd().acd().login(op.id(), op.endpoint())
          .recover(e -> Future.succeededFuture()) // already logged in from the previous run
          .compose(s -> cc.acd().acd().ready(op.id()))
          .<Void>mapEmpty()
          .recover(e -> {
            LOG.warn("demo operator {} not ready: {}", op.id(), e.getMessage());
            return Future.succeededFuture();
          }));
    }
    Future<Void> allStaffed = staffed;
    return cc.crm().loadSampleData()
        .compose(n -> allStaffed)
        .map(v -> {
          traffic.timer = traffic.vertx.setPeriodic(every.toMillis(), id -> traffic.placeCall());
          LOG.info("demo traffic: {} operators ready, a call every {} s", config.operators().size(), every.toSeconds());
          return traffic;
        });
  }

  /** An unknown caller (deterministic IVR path): language, "no customer number", main menu, operators, topic. */
  private void placeCall() {
    placed++;
    String number = String.format("+47418%05d", random.nextInt(100_000));
    boolean hazard = random.nextInt(20) == 0;
    char topic = TOPIC_KEYS.charAt(random.nextInt(TOPIC_KEYS.length()));
    SimCall call = sim.placeCall(number, DID).abandonAfter(Duration.ofSeconds(60 + random.nextInt(120)));
    Future<Void> walk = call.awaitNextPrompt().compose(p -> call.press("1"));                   // language: English
    walk = hazard
        ? walk.compose(v -> call.awaitNextPrompt()).compose(p -> call.press("9"))             // welcome: danger to life
        : walk.compose(v -> call.awaitNextPrompt())                                            // welcome
            .compose(p -> call.awaitNextPrompt()).compose(p -> call.press("0"))                // no customer number
            .compose(v -> call.awaitNextPrompt()).compose(p -> call.press("4"))                // main menu: operators
            .compose(v -> call.awaitNextPrompt()).compose(p -> call.press(String.valueOf(topic)));
    walk.compose(v -> call.awaitState(CallState.BRIDGED))
        .onSuccess(v -> vertx.setTimer(15_000 + random.nextInt(45_000), t -> call.hangUp()))
        .onFailure(e -> LOG.debug("demo call {} ended early: {}", placed, e.getMessage()));
  }

  /**
   * The demo's storm: {@code after} the start (and the sample data set imported), an unplanned outage (as the OMS
   * would report it) over the sample customers' OSLO-NORD grid area, so its SMS go out (to the local Twilio mock when
   * the demo started one). Each demo run reports its own outage (a fresh external reference).
   */
  public static void outageAfter(ContactCentre cc, Duration after) {
    String externalRef = "demo-" + Instant.now().getEpochSecond();
    ReportOutage storm = new ReportOutage(new Area(OUTAGE_SUBSTATIONS, Set.of(), Set.of()),
        "Storm damage on the overhead lines (demo)", null, Instant.now().plus(after).plus(Duration.ofHours(3)), "demo",
        externalRef);
    cc.crm().loadSampleData()
        .onFailure(e -> LOG.warn("sample data not loaded: {}", e.getMessage()))
        .onComplete(loaded -> cc.vertx().setTimer(Math.max(1, after.toMillis()),
        t -> cc.notifications().outages().report(storm)
            .onSuccess(o -> LOG.info("demo outage {} over {}: customers are being informed "
                + "(./contact-centre notify status {} --user demo-supervisor)", o.id(), OUTAGE_AREA, o.id()))
            .onFailure(e -> LOG.warn("demo outage not reported: {}", e.getMessage()))));
  }

  void stop() {
    vertx.cancelTimer(timer);
  }
}
