package org.gridcare.ivr;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigProblem;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.IvrConfig;
import org.gridcare.ivr.app.AcdHandoff;
import org.gridcare.ivr.app.AllIvrEvents;
import org.gridcare.ivr.app.Catalogues;
import org.gridcare.ivr.app.ConfiguredOpeningHours;
import org.gridcare.ivr.app.CustomerLookup;
import org.gridcare.ivr.app.IvrEngine;
import org.gridcare.ivr.app.LanguageTts;
import org.gridcare.ivr.app.LiveMenu;
import org.gridcare.ivr.app.MeterReadings;
import org.gridcare.ivr.app.OpeningHours;
import org.gridcare.ivr.app.OutageInfo;
import org.gridcare.ivr.app.PromptLibrary;
import org.gridcare.ivr.app.ServiceRequests;
import org.gridcare.ivr.app.Steps;
import org.gridcare.ivr.app.Tts;
import org.gridcare.ivr.app.TtsCache;
import org.gridcare.ivr.app.UtilityActions;
import org.gridcare.ivr.command.CommandTts;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.MenuCatalogue;
import org.gridcare.ivr.domain.VoicemailNode;
import org.gridcare.ivr.freetts.FreeTts;
import org.gridcare.ivr.http.HttpIvrRoutes;
import org.gridcare.ivr.journal.JournalIvrEvents;
import org.gridcare.ivr.metrics.MicrometerIvrMetrics;
import org.gridcare.ivr.yaml.YamlMenus;
import org.gridcare.pbx.CallScript;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;

/**
 * Wires the IVR: loads the voices (FreeTTS, and a command engine per configured language) and the menu (validated, prompts pre-rendered), registers the call scripts
 * {@code ivr} (cc-inbound), {@code voicemail} (cc-voicemail: the menu's {@code voicemail} node) and {@code survey}
 * (the menu's {@code survey} node), journals every step, watches the menu file and offers the reload operation.
 */
public final class IvrModule {
  /** The node the {@code voicemail} script starts at; every menu must have it. */
  public static final String VOICEMAIL_NODE = "voicemail";
  /** The node the {@code survey} script (cc-survey, after the operator hangs up) starts at. */
  public static final String SURVEY_NODE = "survey";
  static final Duration WATCH_EVERY = Duration.ofSeconds(2);
  /** Spoken customer names are personal data: kept an hour (a caller ringing back soon reuses them), then deleted. */
  static final Duration PERSONAL_SPEECH_RETENTION = Duration.ofHours(1);
  static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final FreeTts tts;
  private final TtsCache cache;
  private final LiveMenu menu;
  private final IvrEngine engine;
  private final Consumer<RouterBuilder> routes;
  private long purgeTimer = -1;

  /**
   * What the IVR needs from the CRM, the outage system, meter readings and the ACD; {@code hours} decides whether a
   * line is open (null: the configured hours, see {@link ConfiguredOpeningHours}).
   */
  public record Ports(CustomerLookup customers, OutageInfo outages, MeterReadings readings, ServiceRequests requests,
      AcdHandoff acd, OpeningHours hours) {
    public Ports(CustomerLookup customers, OutageInfo outages, MeterReadings readings, ServiceRequests requests,
        AcdHandoff acd) {
      this(customers, outages, readings, requests, acd, null);
    }
  }

  private IvrModule(Vertx vertx, FreeTts tts, TtsCache cache, LiveMenu menu, IvrEngine engine,
      Consumer<RouterBuilder> routes) {
    this.vertx = vertx;
    this.tts = tts;
    this.cache = cache;
    this.menu = menu;
    this.engine = engine;
    this.routes = routes;
  }

  /**
   * @param registerScript the PBX gateway's script registry ({@code gateway::registerScript})
   */
  public static Future<IvrModule> start(Vertx vertx, ContactCentreConfig config, Storage storage,
      BiConsumer<String, CallScript> registerScript, Ports ports, MeterRegistry meters) {
    Path menuFile = Path.of(config.ivr().menuFile());
    MenuCatalogue catalogue = Catalogues.of(config);
    YamlMenus yaml = new YamlMenus();
    Clock clock = Clock.systemUTC();
    ZoneId zone = config.locale().zone();
    PhoneNumbers phones = new PhoneNumbers(config.locale().phoneRegion());
    Path voicemailDir = Path.of(config.ivr().voicemailDir()); // the PBX must be able to write here
    return vertx.executeBlocking(() -> FreeTts.load(config.ivr().tts().voice()), false).compose(tts -> {
      TtsCache cache = new TtsCache(vertx, speech(tts, config.ivr().tts()), Path.of(config.ivr().tts().cacheDir()));
      PromptLibrary prompts = new PromptLibrary(vertx, cache, Path.of(config.ivr().promptsDir()));
      LiveMenu menu = new LiveMenu(vertx, () -> withScriptNodes(yaml.load(menuFile, catalogue), menuFile,
          !config.ivr().survey().lines().isEmpty()), prompts::prepare);
      UtilityActions actions = new UtilityActions(ports.customers(), ports.outages(), ports.readings(), ports.requests(),
          phones, zone, clock);
      Steps steps = new Steps(actions, catalogue.topics(), ports.acd(),
          ports.hours() != null ? ports.hours() : new ConfiguredOpeningHours(config.lines(), zone, clock),
          ports.requests(), voicemailDir,
          Set.copyOf(config.ivr().survey().lines()));
      IvrEngine engine = new IvrEngine(menu, steps, prompts,
          new AllIvrEvents(List.of(new JournalIvrEvents(storage.journal()), new MicrometerIvrMetrics(meters))), phones,
          clock);
      IvrModule module = new IvrModule(vertx, tts, cache, menu, engine,
          new HttpIvrRoutes(menu, menuFile.toString(), storage.audit()));
      return vertx.fileSystem().mkdirs(voicemailDir.toString())
          .compose(v -> menu.reload())
          .compose(m -> menu.watch(menuFile, WATCH_EVERY))
          .map(v -> {
            module.purgeTimer = vertx.setPeriodic(PURGE_EVERY.toMillis(),
                id -> cache.purgePersonal(clock.instant().minus(PERSONAL_SPEECH_RETENTION)));
            registerScript.accept("ivr", engine);
            registerScript.accept("voicemail", engine.startingAt(VOICEMAIL_NODE));
            registerScript.accept("survey", engine.survey(SURVEY_NODE));
            registerScript.accept("ivr-node", engine.atChannelNode());
            return module;
          })
          .onFailure(e -> module.close());
    });
  }

  /** FreeTTS, with the engines {@code ivr.tts.languages} configures for other languages (validated with the config). */
  public static Tts speech(FreeTts main, IvrConfig.Tts config) {
    Map<String, Tts> byLanguage = new HashMap<>();
    config.languages().forEach((language, engine) -> byLanguage.put(language, new CommandTts(language, engine.command())));
    return new LanguageTts(main, byLanguage);
  }

  /** The nodes the other scripts start at: voicemail always, survey when a line offers it. */
  private static IvrMenu withScriptNodes(IvrMenu menu, Path file, boolean survey) {
    List<ConfigProblem> problems = new ArrayList<>();
    if (!(menu.nodes().get(VOICEMAIL_NODE) instanceof VoicemailNode)) {
      problems.add(new ConfigProblem(file.toString(), "nodes." + VOICEMAIL_NODE,
          "missing voicemail node (the cc-voicemail script starts there)"));
    }
    if (survey && !menu.nodes().containsKey(SURVEY_NODE)) {
      problems.add(new ConfigProblem(file.toString(), "nodes." + SURVEY_NODE,
          "missing survey node (ivr.survey.lines offers the survey; the cc-survey script starts there)"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return menu;
  }

  public String openApiFragment() {
    return "openapi/ivr.yaml";
  }

  public Consumer<RouterBuilder> routes() {
    return routes;
  }

  /** The current menu, for the reload command of the CLI and for tests. */
  /** The speech cache, for other modules that speak dynamic text (outage calls). */
  public TtsCache speech() {
    return cache;
  }

  public LiveMenu menu() {
    return menu;
  }

  public IvrEngine engine() {
    return engine;
  }

  public Future<Void> close() {
    if (purgeTimer >= 0) {
      vertx.cancelTimer(purgeTimer);
    }
    menu.close();
    cache.close();
    return vertx.executeBlocking(() -> {
      tts.close();
      return null;
    }, false).mapEmpty();
  }
}
