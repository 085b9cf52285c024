package org.gridcare.server.cli;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gridcare.acd.app.AcdEvents;
import org.gridcare.acd.app.QueueRequest;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.config.TopicConfig;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.domain.SessionInfo;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Passwords;
import org.gridcare.server.auth.PgUsers;
import org.gridcare.server.auth.Role;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench desktop}: offer-to-pop latency with the browser in the loop. A scratch contact centre in simulator mode
 * (embedded PostgreSQL and Redis under a temporary directory, the sample CRM data loaded, every line opened by a
 * supervisor's override so the clock does not matter) gets {@code desktops} generated operators on every line with
 * every skill and no wrap-up (their accounts share one bcrypt hash, made while the centre starts). One headless
 * Chromium opens one tab per operator on the real page ({@code /desktop/}), each of which signs in through its form
 * (a bcrypt verification on the server; {@value #SIGNING_IN} tabs at a time), logs in on its softphone and goes ready
 * as an operator would; the simulator's softphones answer after {@value #ANSWER_MS} ms.
 *
 * <p>Choices:
 * <ul>
 *   <li><b>One tab per desktop, each on its own host name</b> ({@code desk001.localhost} …, all mapped to 127.0.0.1
 *   by Chromium's {@code --host-resolver-rules}). Chromium keeps at most six HTTP/1.1 connections per host and port, so
 *   100 EventSources on one origin would stall; distinct host names give every desktop its own connection group and
 *   its own {@code sessionStorage}, as 100 operators' own browsers would, while the server stays exactly as deployed
 *   (plain HTTP/1.1 on one port, no TLS or HTTP/2 added for the bench). Tab throttling is switched off
 *   ({@code --disable-renderer-backgrounding} etc.) since every operator's desktop is in the foreground.</li>
 *   <li><b>Callers skip the menu:</b> the bench registers its own script under the IVR's FastAGI name {@code ivr},
 *   which queues each caller at once (round-robin over the configured topics) exactly as the IVR's transfer does
 *   ({@code Acd.enqueue}, then {@code CC_NEXT=wait}); the call then takes the production path: trunk DID,
 *   {@code cc-inbound}, FastAGI, {@code cc-wait}, ACD, operator's softphone rung over AMI, bridge. Callers dial from
 *   the sample customers' numbers (known cards), arrive at {@code rate} per second, hang up {@value #TALK_MS} ms after
 *   being bridged: the offer rate is the arrival rate, and the IVR's menu walk (its own benchmark) is not in the load.
 *   </li>
 *   <li><b>Measured in the page:</b> a {@code MutationObserver} on the pop's {@code data-call-id} (which the page sets
 *   once the card is rendered) takes {@code Date.now()} when the card of a new call is in the DOM; the clock starts
 *   when the ACD publishes {@code acd.call.offered} (the same machine's wall clock). Paint is not included.</li>
 *   <li><b>Baseline, same run:</b> the same pops delivered to an HTTP client reading each desktop's SSE stream (a
 *   second stream per operator, same token; the client on its own Vert.x so it does not queue behind the server's event
 *   loops): {@code pop_p95_vs_sse} is what the browser (receive, parse, render) adds to the server's delivery.
 *   {@code session_fetches} counts the pages' {@code /api/desktop/session} reloads (one per operator state event),
 *   load the real page puts on the server that a stream reader does not.</li>
 *   <li>{@code first_render_ms}: navigation start to the sign-in form shown (the page's user-timing mark
 *   {@code desktop:sign-in}), median over the tabs; {@code desk_render_ms}: the same to the desk shown
 *   ({@code desktop:desk}) when a signed-in tab is reloaded (median of {@value #RELOADED}, one at a time).
 *   {@code page_kb}: JS + CSS over the wire as the browser loaded them (resource timing, encoded body sizes: the
 *   server compresses), {@code page_raw_kb} the same decoded; {@code page_all_kb} adds the HTML and the language
 *   bundle (over the wire).</li>
 * </ul>
 */
final class DesktopBench {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopBench.class);
  private static final int ANSWER_MS = 300;
  private static final int TALK_MS = 500;
  /** The toll-free number of config/asterisk/extensions.conf ({@code cc-inbound}). */
  private static final String DID = "80012345";
  private static final String PASSWORD = "bench-desktop-password";
  private static final Duration CALLER_DEADLINE = Duration.ofSeconds(60);
  /** How many signed-in tabs are reloaded, one at a time, to time the desk's render. */
  private static final int RELOADED = 3;
  /** Tabs signing in at once (each sign-in is a bcrypt verification on the server's workers). */
  private static final int SIGNING_IN = 8;

  /** How many desktops, and how many offers at what rate. */
  record Settings(int desktops, int offers, double rate) {
    Settings {
      if (desktops < 1 || offers < 1 || !(rate > 0)) {
        throw new IllegalArgumentException("bench desktop needs desktops >= 1, offers >= 1 and a rate above 0");
      }
    }

    /** 100 desktops, a minute of offers at {@code rate} per second (null: 50). */
    static Settings full(Double rate) {
      double r = rate == null ? 50 : rate;
      return new Settings(100, (int) Math.round(r * 60), r);
    }

    /** 10 desktops, 10 seconds of offers at {@code rate} per second (null: 5). */
    static Settings quick(Double rate) {
      double r = rate == null ? 5 : rate;
      return new Settings(10, (int) Math.round(r * 10), r);
    }
  }

  /** Installed in every tab before sign-in: notes when a new call's card is in the DOM. */
  private static final String OBSERVE = """
      performance.setResourceTimingBufferSize(100000);
      window.benchPops = [];
      const seen = new Set();
      const pop = document.getElementById('pop');
      new MutationObserver(() => {
        const id = pop.dataset.callId;
        if (id && !seen.has(id)) { seen.add(id); window.benchPops.push([id, Date.now()]); }
      }).observe(pop, {attributes: true, attributeFilter: ['data-call-id']});
      """;

  /** Signs in as an operator would (form, softphone, ready); the outcome lands in {@code window.benchReady}. */
  private static final String SIGN_IN = """
      const [user, password] = arguments;
      const $ = (s) => document.querySelector(s);
      const until = (test, what) => new Promise((resolve, reject) => {
        const started = Date.now();
        (function poll() {
          if (test()) resolve();
          else if (Date.now() - started > 120000) reject(new Error('no ' + what + ' after 120 s (link: '
              + $('#link').textContent + ', error: ' + $('#error').textContent
              + $('#sign-in-error').textContent + ')'));
          else setTimeout(poll, 20);
        })();
      });
      const mark = (name) => performance.getEntriesByName(name)[0].startTime;
      window.benchReady = null;
      (async () => {
        await until(() => !$('#sign-in').hidden, 'sign-in form');
        const firstRender = mark('desktop:sign-in');
        $('#sign-in [name=username]').value = user;
        $('#sign-in [name=password]').value = password;
        $('#sign-in').requestSubmit();
        await until(() => !$('#softphone').hidden || !$('#desk').hidden, 'softphone form');
        if ($('#desk').hidden) $('#softphone').requestSubmit();
        await until(() => !$('#desk').hidden && !$('#link').hidden && !$('#link').classList.contains('down')
            && $('#state').dataset.state, 'desk with its stream');
        $('#ready').click();
        await until(() => $('#state').dataset.state === 'ready', 'ready state');
        let jsCss = 0, jsCssRaw = 0, all = 0;
        for (const e of performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))) {
          const path = new URL(e.name).pathname;
          if (/\\.(js|css)$/.test(path)) { jsCss += e.encodedBodySize; jsCssRaw += e.decodedBodySize; }
          if (path.startsWith('/desktop/')) all += e.encodedBodySize;
        }
        return {firstRenderMs: firstRender, token: sessionStorage.getItem('gridcare.token'),
          jsCssBytes: jsCss, jsCssRawBytes: jsCssRaw, allBytes: all};
      })().then((r) => { window.benchReady = r; }, (e) => { window.benchReady = {error: String(e)}; });
      """;

  /** After a reload of a signed-in tab: navigation start to the desk shown, answered once its stream is open. */
  private static final String AWAIT_DESK = """
      const done = arguments[arguments.length - 1];
      const $ = (s) => document.querySelector(s);
      (function poll() {
        const desk = performance.getEntriesByName('desktop:desk')[0];
        if (desk && !$('#link').hidden && !$('#link').classList.contains('down')) done(desk.startTime);
        else setTimeout(poll, 20);
      })();
      """;

  /** How often the page fetched its session ({@code resync} on every operator state event) since it was loaded. */
  private static final String RESYNCS = """
      return performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/desktop/session')).length;
      """;

  private static final String AWAIT_READY = """
      const done = arguments[arguments.length - 1];
      (function poll() { if (window.benchReady) done(window.benchReady); else setTimeout(poll, 50); })();
      """;

  private DesktopBench() {}

  static JsonObject run(Path configFile, boolean quick, Double rate) throws Exception {
    if (rate != null && !(rate > 0 && rate <= 200)) {
      throw new IllegalArgumentException("--rate must be above 0 and at most 200 offers per second, got " + rate);
    }
    return run(configFile, System.getenv(), quick ? Settings.quick(rate) : Settings.full(rate));
  }

  /** The bench with the configuration as {@code env} overrides it (plus the bench's scratch directories). */
  static JsonObject run(Path configFile, Map<String, String> env, Settings s) throws Exception {
    Path data = Files.createTempDirectory("cc-bench-desktop");
    ContactCentreConfig config = withOperators(ConfigLoader.load(configFile, environment(env, data)), s.desktops());
    List<String> numbers = callerNumbers(Path.of(config.crm().sampleData()).resolve("customers.csv"));
    // One bcrypt hash for every bench user, made while the centre starts; each tab's sign-in still verifies it.
    CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> Passwords.hash(PASSWORD));
    ContactCentre cc = Cli.await(ContactCentre.start(config), 180);
    try {
      PbxSimulator sim = cc.pbxLink().simulator().orElseThrow();
      cc.pbxLink().registerScript("ivr", straightToQueue(cc, config.topics()));
      for (LineConfig line : config.lines()) { // open whatever the clock says, as a supervisor can
        Cli.await(cc.acd().acd().overrideLine(line.id(), true, null, "bench"), 30);
      }
      LOG.info("bench desktop: centre started; loading the sample customers, adding {} users", s.desktops());
      Future<Integer> customers = cc.crm().loadSampleData(); // needed by the first call, not by the sign-ins
      PgUsers accounts = new PgUsers(cc.storage().pool());
      List<Future<?>> users = new ArrayList<>();
      String passwordHash = hash.get(180, TimeUnit.SECONDS);
      for (OperatorConfig op : config.operators()) {
        sim.phone(op.endpoint()).autoAnswer(true, Duration.ofMillis(ANSWER_MS));
        users.add(accounts.add(new Identity(op.id(), Set.of(Role.AGENT), op.lines()), passwordHash, op.endpoint()));
      }
      Cli.await(Future.all(users), 60);
      Map<String, Double> offeredAt = new ConcurrentHashMap<>();
      cc.vertx().eventBus().<JsonObject>consumer(AcdEvents.QUEUE_CHANGED, m -> {
        if ("acd.call.offered".equals(m.body().getString("type"))) {
          offeredAt.put(m.body().getString("operatorId") + " " + m.body().getString("callId"), nowMs());
        }
      });
      Vertx client = Vertx.vertx(); // the baseline's own event loops, not queued behind the server's
      HttpClient http = client.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()), new PoolOptions().setHttp1MaxSize(s.desktops() + 4));
      ChromeDriver browser = null;
      try {
        browser = HeadlessChromium.start(1366, 768, "--host-resolver-rules=MAP *.localhost 127.0.0.1",
            "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
            "--disable-backgrounding-occluded-windows");
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
        LOG.info("bench desktop: signing in {} desktops", s.desktops());
        List<String> tabs = new ArrayList<>();
        List<JsonObject> ready = signInAll(browser, tabs, config.operators(), cc.httpPort());
        List<Double> sseDelivered = new CopyOnWriteArrayList<>();
        for (int i = 0; i < tabs.size(); i++) {
          Cli.await(listen(http, config.operators().get(i).id(), ready.get(i).getString("token"), offeredAt,
              sseDelivered), 30);
        }
        List<Double> deskRender = new ArrayList<>();
        for (int i = 0; i < Math.min(RELOADED, tabs.size()); i++) {
          browser.switchTo().window(tabs.get(i));
          browser.navigate().refresh();
          deskRender.add(((Number) browser.executeAsyncScript(AWAIT_DESK)).doubleValue());
          browser.executeScript(OBSERVE);
        }
        Cli.await(customers, 300);
        LOG.info("bench desktop: desktops ready; {} callers at {}/s", s.offers(), s.rate());
        JsonObject calls = Cli.await(callers(cc.vertx(), sim, numbers, s), 600 + (long) (s.offers() / s.rate()));
        LOG.info("bench desktop: callers done; collecting the pops");
        Map<String, Double> rendered = new HashMap<>();
        long resyncs = 0;
        for (int i = 0; i < tabs.size(); i++) {
          browser.switchTo().window(tabs.get(i));
          String operatorId = config.operators().get(i).id();
          resyncs += ((Number) browser.executeScript(RESYNCS)).longValue();
          for (Object pop : (List<?>) browser.executeScript("return window.benchPops;")) {
            List<?> p = (List<?>) pop;
            rendered.put(operatorId + " " + p.get(0), ((Number) p.get(1)).doubleValue());
          }
        }
        deskRender.sort(Double::compare);
        return result(s, offeredAt, rendered, sseDelivered, ready, calls)
            .put("desk_render_ms", percentile(deskRender, 0.50)).put("session_fetches", resyncs);
      } finally {
        if (browser != null) {
          browser.quit();
        }
        Cli.await(client.close(), 10);
      }
    } finally {
      Cli.await(cc.stop(), 60);
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * Opens a tab per operator (handles added to {@code tabs}) and signs them in, {@value #SIGNING_IN} at a time; each
   * one's figures and token, in the operators' order.
   */
  private static List<JsonObject> signInAll(ChromeDriver browser, List<String> tabs, List<OperatorConfig> operators,
      int port) {
    List<JsonObject> ready = new ArrayList<>();
    for (int i = 0; i < operators.size(); i++) {
      tabs.add(openAndSignIn(browser, i, operators.get(i).id(), port));
      if (i + 1 >= SIGNING_IN) {
        ready.add(awaitReady(browser, tabs, ready.size(), operators));
      }
    }
    while (ready.size() < tabs.size()) {
      ready.add(awaitReady(browser, tabs, ready.size(), operators));
    }
    return ready;
  }

  /** Opens desktop {@code i}'s tab on its own host name and starts its sign-in; returns the tab's handle. */
  private static String openAndSignIn(ChromeDriver browser, int i, String operatorId, int port) {
    if (i > 0) {
      browser.switchTo().newWindow(WindowType.TAB);
    }
    browser.get(String.format("http://desk%03d.localhost:%d/desktop/", i + 1, port));
    browser.executeScript(OBSERVE);
    browser.executeScript(SIGN_IN, operatorId, PASSWORD);
    return browser.getWindowHandle();
  }

  /** Waits for tab {@code i} to be signed in, ready, with its stream open; its figures and token. */
  private static JsonObject awaitReady(ChromeDriver browser, List<String> tabs, int i, List<OperatorConfig> operators) {
    browser.switchTo().window(tabs.get(i));
    JsonObject r = new JsonObject(asMap(browser.executeAsyncScript(AWAIT_READY)));
    if (r.getString("error") != null) {
      throw new IllegalStateException("desktop of " + operators.get(i).id() + ": " + r.getString("error"));
    }
    return r;
  }

  private static JsonObject result(Settings s, Map<String, Double> offeredAt, Map<String, Double> rendered,
      List<Double> sseDelivered, List<JsonObject> ready, JsonObject calls) {
    List<Double> pops = new ArrayList<>();
    rendered.forEach((key, at) -> {
      Double offered = offeredAt.get(key);
      if (offered != null) {
        pops.add(at - offered);
      }
    });
    pops.sort(Double::compare);
    List<Double> sse = new ArrayList<>(sseDelivered);
    sse.sort(Double::compare);
    Double popP95 = percentile(pops, 0.95);
    Double sseP95 = percentile(sse, 0.95);
    List<Double> firstRender = ready.stream().map(r -> r.getDouble("firstRenderMs")).sorted().toList();
    return new JsonObject().put("desktops", s.desktops()).put("rate_per_s", s.rate())
        .put("offers_per_s", offerRate(offeredAt.values())).put("calls", calls.getInteger("placed"))
        .put("offers", offeredAt.size()).put("pops_rendered", pops.size()).put("pop_p50_ms", percentile(pops, 0.50))
        .put("pop_p95_ms", popP95).put("pop_max_ms", pops.isEmpty() ? null : round(pops.get(pops.size() - 1)))
        .put("sse_pops", sse.size()).put("sse_p50_ms", percentile(sse, 0.50)).put("sse_p95_ms", sseP95)
        .put("pop_p95_vs_sse", popP95 == null || sseP95 == null || sseP95 < 0.01 ? null : round(popP95 / sseP95))
        .put("first_render_ms", percentile(firstRender, 0.50)).put("first_render_max_ms", percentile(firstRender, 1.0))
        .put("page_kb", kb(ready.get(0).getLong("jsCssBytes")))
        .put("page_raw_kb", kb(ready.get(0).getLong("jsCssRawBytes")))
        .put("page_all_kb", kb(ready.get(0).getLong("allBytes")))
        .put("answered", calls.getInteger("bridged")).put("browser", "chromium-headless, one tab per desktop");
  }

  /**
   * Places {@code s.offers()} calls from the sample customers' numbers at {@code s.rate()} per second; each hangs up
   * {@value #TALK_MS} ms after being bridged (or after {@link #CALLER_DEADLINE}). Completes when all have hung up.
   */
  private static Future<JsonObject> callers(Vertx vertx, PbxSimulator sim, List<String> numbers, Settings s) {
    List<Future<Void>> ended = new ArrayList<>();
    AtomicInteger bridged = new AtomicInteger();
    double gapMs = 1000 / s.rate();
    for (int i = 0; i < s.offers(); i++) {
      String number = numbers.get(i % numbers.size());
      Promise<Void> done = Promise.promise();
      ended.add(done.future());
      vertx.setTimer(Math.max(1, Math.round(i * gapMs)), t -> {
        SimCall call;
        try {
          call = sim.placeCall(number, DID);
        } catch (RuntimeException e) {
          LOG.warn("bench desktop: a caller could not dial: {}", e.toString());
          done.complete();
          return;
        }
        long deadline = vertx.setTimer(CALLER_DEADLINE.toMillis(), x -> call.hangUp());
        call.awaitState(CallState.BRIDGED).onSuccess(v -> {
          bridged.incrementAndGet();
          vertx.setTimer(TALK_MS, x -> call.hangUp());
        });
        call.awaitState(CallState.HUNG_UP).onComplete(r -> {
          vertx.cancelTimer(deadline);
          done.complete();
        });
      });
    }
    return Future.join(ended).transform(x -> Future.succeededFuture(new JsonObject().put("placed", s.offers())
        .put("bridged", bridged.get())));
  }

  /** Offers per second between the first and the last offer. */
  private static Double offerRate(java.util.Collection<Double> offered) {
    double first = offered.stream().mapToDouble(d -> d).min().orElse(0);
    double last = offered.stream().mapToDouble(d -> d).max().orElse(0);
    return last > first ? round((offered.size() - 1) / ((last - first) / 1000)) : null;
  }

  /**
   * Stands in for the IVR menu: queues the caller at once, as the IVR's transfer does (enqueue, then
   * {@code CC_NEXT=wait} so the dialplan continues in {@code cc-wait}), topics taken in turn.
   */
  private static CallScript straightToQueue(ContactCentre cc, List<TopicConfig> topics) {
    AtomicInteger next = new AtomicInteger();
    return session -> {
      SessionInfo info = session.info();
      TopicConfig topic = topics.get(Math.floorMod(next.getAndIncrement(), topics.size()));
      return cc.acd().acd().enqueue(new QueueRequest(info.call().value(), info.channel().value(), topic.id(),
              topic.line(), topic.priority(), topic.hazard(), 0, null, null))
          .compose(queued -> session.setVariable("CC_NEXT", "wait"));
    };
  }

  /** Opens one desktop's stream from an HTTP client; every pop stops the clock its offer started. */
  private static Future<Void> listen(HttpClient http, String operatorId, String token, Map<String, Double> offeredAt,
      List<Double> delivered) {
    StringBuilder pending = new StringBuilder();
    return http.request(HttpMethod.GET, "/api/desktop/stream?access_token=" + token)
        .compose(req -> req.send())
        .map(resp -> {
          if (resp.statusCode() != 200) {
            throw new IllegalStateException("stream of " + operatorId + " refused: " + resp.statusCode());
          }
          resp.handler((Buffer chunk) -> {
            double now = nowMs();
            pending.append(chunk.toString());
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
              String event = pending.substring(0, end);
              pending.delete(0, end + 2);
              if (event.startsWith("event: pop\ndata: ")) {
                String callId = new JsonObject(event.substring("event: pop\ndata: ".length())).getString("callId");
                Double start = offeredAt.get(operatorId + " " + callId);
                if (start != null) {
                  delivered.add(now - start);
                }
              }
            }
          });
          return null;
        });
  }

  /** The first phone number of every sample customer that has one (the CSV's {@code phones} column). */
  private static List<String> callerNumbers(Path customersCsv) throws IOException {
    List<String> lines = Files.readAllLines(customersCsv);
    int column = Arrays.asList(lines.get(0).split(",")).indexOf("phones");
    if (column < 0) {
      throw new IllegalStateException(customersCsv + " has no phones column");
    }
    List<String> numbers = lines.stream().skip(1).map(l -> l.split(",", -1))
        .filter(f -> f.length > column && !f[column].isBlank()).map(f -> f[column].split(";")[0]).toList();
    if (numbers.isEmpty()) {
      throw new IllegalStateException(customersCsv + " has no customer with a phone number");
    }
    return numbers;
  }

  /** Scratch files and free ports; no wrap-up, so the desktops take calls at the arrival rate. */
  private static Map<String, String> environment(Map<String, String> base, Path data) {
    Map<String, String> env = new HashMap<>(base);
    env.put("CC_SERVER_PORT", "0");
    env.put("CC_PBX_MODE", "simulator");
    env.put("CC_PBX_AGI_PORT", "0");
    env.put("CC_STORAGE_DATA_DIR", data.toString());
    // The menu's prompts (no caller's data: no caller walks the menu here) are rendered once and kept for later runs.
    env.put("CC_IVR_TTS_CACHE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "cc-bench-desktop-tts").toString());
    env.put("CC_RECORDINGS_MONITOR_DIR", data.resolve("monitor").toString());
    env.put("CC_RECORDINGS_STORE_DIR", data.resolve("recordings").toString());
    env.put("CC_RECORDINGS_ARCHIVE_DIR", data.resolve("archive").toString());
    for (int line = 0; line < 3; line++) {
      env.put("CC_LINES_" + line + "_WRAP_UP", "0s");
    }
    return env;
  }

  private static ContactCentreConfig withOperators(ContactCentreConfig c, int n) {
    Map<String, Integer> skills = new HashMap<>();
    c.topics().stream().map(TopicConfig::skill).forEach(s -> skills.put(s, 3));
    List<OperatorConfig> operators = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String id = String.format("bench%03d", i);
      operators.add(new OperatorConfig(id, "Bench operator " + i, "PJSIP/" + id, List.of(1, 2, 3), skills));
    }
    return new ContactCentreConfig(c.server(), c.storage(), c.pbx(), c.auth(), c.locale(), c.lines(), c.topics(),
        operators, c.acd(), c.ivr(), c.recordings(), c.notifications(), c.privacy(), c.crm());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static double nowMs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
  }

  private static double kb(long bytes) {
    return Math.round(bytes / 102.4) / 10.0;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static Double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    return round(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)));
  }
}
