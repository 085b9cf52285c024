package org.gridcare.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridcare.acd.app.Acd;
import org.gridcare.config.OperatorConfig;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.platform.domain.DomainException;

/**
 * A seeded load scenario on the server's own simulator ({@code ./contact-centre simulate}): the first {@code agents}
 * configured operators log in on auto-answering softphones and get ready, then {@code calls} unknown callers dial the
 * toll-free number, {@code rate} per second, walk the IVR like {@link DemoTraffic}'s callers (or take the
 * danger-to-life shortcut), talk for a few seconds once an operator answers, and give up when their patience runs
 * out. The same seed gives the same caller numbers, menu paths, patience and talk times.
 *
 * <p>Outcomes: {@code placed} calls dialled; {@code ivr_completed} callers that finished their menu walk;
 * {@code queued} / {@code answered} from the journal ({@code acd.call.queued} / {@code acd.call.answered}) of this
 * scenario's call ids; of the queued, {@code abandoned} ended by the caller's patience before an answer and
 * {@code failed} ended any other way without an answer (hung up by the server, or sent to the peak-overflow centre);
 * {@code errors} callers whose walk broke (the call ended or a
 * step failed before the menu was done, or the call did not end in time).
 */
public final class SimulatorScenario {
  static final String DID = "80012345";
  private static final String TOPIC_KEYS = "1111112233455660";
  private static final Duration ANSWER_DELAY = Duration.ofMillis(500);
  private static final Duration CALL_DEADLINE = Duration.ofMinutes(5);
  private static final Duration JOURNAL_SETTLE = Duration.ofSeconds(5);

  /** What to run; validated by {@link #run}. */
  public record Settings(int calls, double rate, long seed, int agents) {}

  /** One caller's seeded script. */
  private record Caller(String number, boolean hazard, char topic, Duration patience, Duration talk) {}

  /** What one caller saw. */
  private static final class Outcome {
    volatile String callId;
    volatile boolean walked;
    volatile boolean bridged;
    final AtomicBoolean gaveUp = new AtomicBoolean();
    volatile boolean error;
  }

  private final Vertx vertx;
  private final PbxSimulator sim;
  private final Acd acd;
  private final io.vertx.sqlclient.Pool pool;
  private final List<OperatorConfig> operators;
  private final AtomicBoolean running = new AtomicBoolean();

  SimulatorScenario(Vertx vertx, PbxSimulator sim, Acd acd, io.vertx.sqlclient.Pool pool, List<OperatorConfig> operators) {
    this.vertx = vertx;
    this.sim = sim;
    this.acd = acd;
    this.pool = pool;
    this.operators = List.copyOf(operators);
  }

  /** Runs one scenario to the end (every caller hung up) and returns the summary; one scenario at a time. */
  public Future<JsonObject> run(Settings s) {
    if (s.calls() < 1 || s.rate() <= 0 || s.agents() < 0) {
      return Future.failedFuture(DomainException.invalid("bad-scenario", "calls must be >= 1, rate > 0, agents >= 0"));
    }
    if (s.agents() > operators.size()) {
      return Future.failedFuture(DomainException.invalid("too-many-agents",
          "only " + operators.size() + " operators are configured, " + s.agents() + " asked for"));
    }
    if (!running.compareAndSet(false, true)) {
      return Future.failedFuture(DomainException.conflict("scenario-running", "a scenario is already running"));
    }
    List<OperatorConfig> loggedIn = new ArrayList<>();
    return staff(operators.subList(0, s.agents()), loggedIn)
        .compose(v -> callers(s))
        .eventually(() -> release(loggedIn))
        .onComplete(r -> running.set(false));
  }

  /** Logs in and readies the staff, noting in {@code loggedIn} those this scenario logged in (others stay as they are). */
  private Future<Void> staff(List<OperatorConfig> staff, List<OperatorConfig> loggedIn) {
    Future<Void> all = Future.succeededFuture();
    for (OperatorConfig op : staff) {
      sim.phone(op.endpoint()).autoAnswer(true, ANSWER_DELAY);
      all = all.compose(v -> acd.login(op.id(), op.endpoint())
          .map(x -> loggedIn.add(op))
          .recover(e -> acd.operator(op.id()).map(true)) // logged in already: keep that session
          .compose(x -> acd.ready(op.id()))
          .mapEmpty());
    }
    return all;
  }

  private Future<Void> release(List<OperatorConfig> loggedIn) {
    Future<Void> all = Future.succeededFuture();
    for (OperatorConfig op : loggedIn) {
      all = all.compose(v -> acd.logout(op.id()).<Void>mapEmpty().recover(e -> Future.succeededFuture()));
    }
    return all;
  }

  private Future<JsonObject> callers(Settings s) {
    Random random = new Random(s.seed());
    List<Caller> script = new ArrayList<>();
    for (int i = 0; i < s.calls(); i++) {
      script.add(new Caller(String.format("+47418%05d", random.nextInt(100_000)), random.nextInt(20) == 0,
          TOPIC_KEYS.charAt(random.nextInt(TOPIC_KEYS.length())),
          Duration.ofSeconds(10 + random.nextInt(31)), Duration.ofSeconds(1 + random.nextInt(5))));
    }
    List<Outcome> outcomes = new ArrayList<>();
    List<Future<Void>> ended = new ArrayList<>();
    long gapMillis = Math.max(1, Math.round(1000 / s.rate()));
    for (int i = 0; i < script.size(); i++) {
      Caller caller = script.get(i);
      Outcome outcome = new Outcome();
      outcomes.add(outcome);
      Promise<Void> done = Promise.promise();
      ended.add(done.future());
      Runnable dial = () -> place(caller, outcome).onComplete(r -> done.complete());
      if (i == 0) {
        dial.run();
      } else {
        vertx.setTimer(i * gapMillis, t -> dial.run());
      }
    }
    return Future.join(ended).transform(x -> summary(outcomes));
  }

  /** Places one call and completes when the caller has hung up (or the deadline passed, counted as an error). */
  private Future<Void> place(Caller c, Outcome o) {
    SimCall call;
    try {
      call = sim.placeCall(c.number(), DID);
    } catch (RuntimeException e) {
      o.error = true;
      return Future.succeededFuture();
    }
    o.callId = call.uniqueId();
    vertx.setTimer(c.patience().toMillis(), t -> {
      CallState now = call.state();
      if (now != CallState.BRIDGED && now != CallState.HUNG_UP && o.gaveUp.compareAndSet(false, true)) {
        call.hangUp();
      }
    });
    Future<Void> walk = call.awaitNextPrompt().compose(p -> call.press("1"));              // language: English
    walk = c.hazard()
        ? walk.compose(v -> call.awaitNextPrompt()).compose(p -> call.press("9"))        // welcome: danger to life
        : walk.compose(v -> call.awaitNextPrompt())                                       // welcome
            .compose(p -> call.awaitNextPrompt()).compose(p -> call.press("0"))           // no customer number
            .compose(v -> call.awaitNextPrompt()).compose(p -> call.press("4"))           // main menu: operators
            .compose(v -> call.awaitNextPrompt()).compose(p -> call.press(String.valueOf(c.topic())));
    walk.onSuccess(v -> o.walked = true)
        .onFailure(e -> o.error |= !o.gaveUp.get()) // a patient caller's walk must not break
        .compose(v -> call.awaitState(CallState.BRIDGED))
        .onSuccess(v -> {
          o.bridged = true;
          vertx.setTimer(c.talk().toMillis(), t -> call.hangUp());
        });
    Promise<Void> hungUp = Promise.promise();
    long deadline = vertx.setTimer(CALL_DEADLINE.toMillis(), t -> {
      o.error = true;
      call.hangUp();
      hungUp.tryComplete();
    });
    call.awaitState(CallState.HUNG_UP).onComplete(r -> {
      vertx.cancelTimer(deadline);
      hungUp.tryComplete();
    });
    return hungUp.future();
  }

  /**
   * The journal follows the PBX asynchronously: reads it until every caller seen bridged has its
   * {@code acd.call.answered} (or {@link #JOURNAL_SETTLE} has passed: a call bridged to the peak-overflow centre has none).
   */
  private Future<JsonObject> summary(List<Outcome> outcomes) {
    List<String> ids = outcomes.stream().map(o -> o.callId).filter(id -> id != null).toList();
    Set<String> bridged = new HashSet<>();
    outcomes.stream().filter(o -> o.bridged).forEach(o -> bridged.add(o.callId));
    return journal(ids, bridged, System.nanoTime() + JOURNAL_SETTLE.toNanos())
        .map(rows -> count(outcomes, ids, rows.get(0), rows.get(1)));
  }

  /** [queued ids, answered ids] of this scenario. */
  private Future<List<Set<String>>> journal(List<String> ids, Set<String> bridged, long deadline) {
    return pool.preparedQuery("SELECT type, call_id FROM journal WHERE type IN ('acd.call.queued', 'acd.call.answered') "
            + "AND call_id = ANY($1)")
        .execute(Tuple.of(ids.toArray(new String[0])))
        .compose(rows -> {
          Set<String> queued = new HashSet<>();
          Set<String> answered = new HashSet<>();
          for (Row r : rows) {
            (r.getString("type").equals("acd.call.queued") ? queued : answered).add(r.getString("call_id"));
          }
          if (answered.containsAll(bridged) || System.nanoTime() > deadline) {
            return Future.succeededFuture(List.of(queued, answered));
          }
          Promise<Void> later = Promise.promise();
          vertx.setTimer(200, t -> later.complete());
          return later.future().compose(v -> journal(ids, bridged, deadline));
        });
  }

  private static JsonObject count(List<Outcome> outcomes, List<String> ids, Set<String> queued, Set<String> answered) {
    int walked = 0;
    int abandoned = 0;
    int failed = 0;
    int errors = 0;
    for (Outcome o : outcomes) {
      walked += o.walked ? 1 : 0;
      errors += o.error ? 1 : 0;
      if (o.callId != null && queued.contains(o.callId) && !answered.contains(o.callId)) {
        if (o.gaveUp.get()) {
          abandoned++;
        } else {
          failed++;
        }
      }
    }
    Set<String> answeredQueued = new HashSet<>(answered);
    answeredQueued.retainAll(queued);
    return new JsonObject().put("placed", ids.size()).put("ivr_completed", walked)
        .put("queued", queued.size()).put("answered", answeredQueued.size()).put("abandoned", abandoned)
        .put("failed", failed).put("errors", errors);
  }
}
