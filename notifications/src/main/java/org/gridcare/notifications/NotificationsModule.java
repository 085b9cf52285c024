package org.gridcare.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.NotificationsConfig;
import org.gridcare.config.ServerConfig;
import org.gridcare.config.SurveyCampaignsConfig;
import org.gridcare.notifications.app.DeliveryReports;
import org.gridcare.notifications.app.NotifyScript;
import org.gridcare.notifications.app.OutageService;
import org.gridcare.notifications.app.Recipients;
import org.gridcare.notifications.app.SmsDispatcher;
import org.gridcare.notifications.app.Speech;
import org.gridcare.notifications.app.SurveyCampaigns;
import org.gridcare.notifications.app.SurveyScript;
import org.gridcare.notifications.app.VoiceDialler;
import org.gridcare.notifications.app.WebhookSignatures;
import org.gridcare.notifications.domain.Backoff;
import org.gridcare.notifications.domain.CallingWindow;
import org.gridcare.notifications.domain.EstimatePolicy;
import org.gridcare.notifications.domain.MessageTemplates;
import org.gridcare.notifications.domain.NotificationKind;
import org.gridcare.notifications.domain.PhoneSurvey;
import org.gridcare.notifications.domain.Targeting;
import org.gridcare.notifications.domain.VoicePolicy;
import org.gridcare.notifications.http.CampaignProgressFeed;
import org.gridcare.notifications.http.HttpNotificationsRoutes;
import org.gridcare.notifications.http.HttpSurveyCampaignRoutes;
import org.gridcare.notifications.pg.PgCallOutbox;
import org.gridcare.notifications.pg.PgOperatorCalls;
import org.gridcare.notifications.pg.PgOptOuts;
import org.gridcare.notifications.pg.PgOutages;
import org.gridcare.notifications.pg.PgSmsOutbox;
import org.gridcare.notifications.pg.PgSurveyCampaigns;
import org.gridcare.notifications.redis.RedisTokenBucket;
import org.gridcare.notifications.twilio.TwilioSignatures;
import org.gridcare.notifications.twilio.TwilioSms;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.Pbx;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires outage informing from the configuration: outages and campaigns over PostgreSQL, the SMS sender (Twilio, rate
 * shared in Redis), the voice dialler over the PBX, the planned-notice scheduler, the HTTP API and the {@code notify}
 * call script (the server registers {@link #notifyScript()} under {@link NotifyScript#NAME}). Campaign progress is
 * published on the event bus at {@link CampaignProgressFeed#ADDRESS} for live views.
 *
 * <p>Without {@code notifications.twilio} configured, SMS stay pending in the outbox (nothing is sent) and the
 * Twilio webhooks refuse every request.
 */
public final class NotificationsModule {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationsModule.class);
  private static final Duration SCHEDULER_TICK = Duration.ofSeconds(30);
  private static final Duration DIALLER_TICK = Duration.ofSeconds(2);
  private static final Duration SMS_LEASE = Duration.ofMinutes(2);

  private final Vertx vertx;
  private final OutageService outages;
  private final HttpNotificationsRoutes routes;
  private final NotifyScript notifyScript;
  private final SmsDispatcher dispatcher;
  private final TwilioSms sms;
  private final VoiceDialler dialler;
  private final long scheduler;
  private final CampaignProgressFeed feed;
  private SurveyCampaigns surveyCampaigns;
  private SurveyScript surveyScript;

  private NotificationsModule(Vertx vertx, OutageService outages, HttpNotificationsRoutes routes,
      NotifyScript notifyScript, SmsDispatcher dispatcher, TwilioSms sms, VoiceDialler dialler, long scheduler,
      CampaignProgressFeed feed) {
    this.vertx = vertx;
    this.outages = outages;
    this.routes = routes;
    this.notifyScript = notifyScript;
    this.dispatcher = dispatcher;
    this.sms = sms;
    this.dialler = dialler;
    this.scheduler = scheduler;
    this.feed = feed;
  }

  /**
   * @param recipients the CRM's contacts per area
   * @param speech     text to speech for the notification calls (the IVR module's engine)
   */
  public static Future<NotificationsModule> start(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx,
      Recipients recipients, Speech speech) {
    try {
      return Future.succeededFuture(build(vertx, config, storage, pbx, recipients, speech));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static NotificationsModule build(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx,
      Recipients recipients, Speech speech) {
    NotificationsConfig nc = config.notifications();
    MessageTemplates templates = templates(config);
    Clock clock = Clock.systemUTC();
    PhoneNumbers phones = new PhoneNumbers(config.locale().phoneRegion());
    PgOptOuts optOuts = new PgOptOuts(storage.pool());
    PgSmsOutbox outbox = new PgSmsOutbox(storage.pool());
    PgCallOutbox calls = new PgCallOutbox(storage.pool());
    OutageService outages = new OutageService(new PgOutages(storage.pool()), recipients, optOuts,
        new Targeting(phones::normalise, phones::isMobile, config.locale().defaultLanguage(),
            new HashSet<>(config.locale().languages())),
        templates, EstimatePolicy.DEFAULT, nc.planNoticeAhead(), nc.voice().urgent(), clock);
    String publicUrl = publicUrl(config.server());

    TwilioSms sms = null;
    SmsDispatcher dispatcher = null;
    WebhookSignatures signatures = (url, params, signature) -> false;
    NotificationsConfig.Twilio twilio = nc.twilio();
    if (twilio.configured()) {
      String token = twilio.authToken().value();
      double rate = twilio.ratePerSecond();
      // Twilio answers in ~100-300 ms: keep enough requests in flight to reach the rate.
      int inFlight = (int) Math.max(4, Math.min(64, Math.ceil(rate * 0.3)));
      sms = new TwilioSms(vertx, TwilioSms.client(twilio.accountSid(), token, twilio.baseUrl(), inFlight),
          twilio.messagingServiceSid(), twilio.from(), inFlight);
      dispatcher = new SmsDispatcher(vertx, outbox, sms,
          new RedisTokenBucket(vertx, storage.redis(), twilio.accountSid(), rate, Math.max(1, rate / 4)),
          Backoff.DEFAULT, new SmsDispatcher.Settings(inFlight * 2, SMS_LEASE, Duration.ofSeconds(1),
              key -> publicUrl + "/api/notifications/twilio/status?key=" + key), clock);
      signatures = new TwilioSignatures(token);
    } else {
      LOG.warn("notifications.twilio is not configured: outage SMS stay pending and are not sent");
    }

    NotificationsConfig.Voice v = nc.voice();
    VoiceDialler dialler = new VoiceDialler(vertx, pbx, calls,
        new VoicePolicy(v.maxChannels(), v.reservedForInbound(), v.maxAttempts(), v.retryAfter()), null,
        v.ringTimeout(), DIALLER_TICK, clock);
    HttpNotificationsRoutes routes = new HttpNotificationsRoutes(outages, outbox, new PgOperatorCalls(storage.pool()),
        new DeliveryReports(outbox, optOuts, phones), signatures, publicUrl);
    NotifyScript script = new NotifyScript(calls, speech, templates::repeatHint, 3);

    if (dispatcher != null) {
      dispatcher.start();
    }
    dialler.start();
    long scheduler = vertx.setPeriodic(1, SCHEDULER_TICK.toMillis(), id -> outages.noticesDue()
        .onFailure(e -> LOG.warn("planned outage notices not checked: {}", e.toString())));
    CampaignProgressFeed feed = new CampaignProgressFeed(vertx, outbox);
    feed.start(Duration.ofSeconds(2));
    NotificationsModule module = new NotificationsModule(vertx, outages, routes, script, dispatcher, sms, dialler,
        scheduler, feed);
    module.surveys(config, storage, recipients, speech, calls, phones, clock);
    return module;
  }

  /** Outbound phone survey campaigns ({@code survey-campaigns}): their calls go through the same call list and dialler. */
  private void surveys(ContactCentreConfig config, Storage storage, Recipients recipients, Speech speech,
      PgCallOutbox calls, PhoneNumbers phones, Clock clock) {
    SurveyCampaignsConfig sc = config.surveyCampaigns();
    Map<String, PhoneSurvey> surveys = new HashMap<>();
    sc.surveys().forEach((id, s) -> surveys.put(id, new PhoneSurvey(id, s.intro(), s.questions().stream()
        .map(q -> new PhoneSurvey.Question(q.id(), q.text(), q.min(), q.max())).toList(), s.thanks())));
    PgSurveyCampaigns store = new PgSurveyCampaigns(storage.pool());
    surveyCampaigns = new SurveyCampaigns(store, recipients, phones::normalise, surveys,
        new CallingWindow(SurveyCampaignsConfig.time(sc.window().from()), SurveyCampaignsConfig.time(sc.window().to())),
        config.locale().zone(), config.locale().defaultLanguage(), new HashSet<>(config.locale().languages()),
        config.lines().stream().map(LineConfig::id).collect(Collectors.toSet()), storage.audit(), clock);
    surveyScript = new SurveyScript(calls, store, surveyCampaigns::survey, speech);
  }

  /** The survey campaigns' API fragment ({@link #surveyRoutes()}). */
  public String surveyApiFragment() {
    return HttpSurveyCampaignRoutes.FRAGMENT;
  }

  public Consumer<RouterBuilder> surveyRoutes() {
    return new HttpSurveyCampaignRoutes(surveyCampaigns);
  }

  /** The {@code survey-out} script the PBX runs on answered survey calls ({@code cc-survey-out}). */
  public CallScript surveyScript() {
    return surveyScript;
  }

  public SurveyCampaigns surveyCampaigns() {
    return surveyCampaigns;
  }

  /** The texts of {@code notifications.templates} (validated by the configuration loader). */
  public static MessageTemplates templates(ContactCentreConfig config) {
    if (config.notifications().templates().isEmpty()) {
      throw DomainException.invalid("no-message-templates",
          "notifications.templates is not configured: customers cannot be told anything");
    }
    Map<String, MessageTemplates.Language> languages = new HashMap<>();
    config.notifications().templates().forEach((language, t) -> {
      Map<NotificationKind, MessageTemplates.Texts> texts = new EnumMap<>(NotificationKind.class);
      Map<String, NotificationsConfig.Text> byKey = t.byKind();
      for (NotificationKind kind : NotificationKind.values()) {
        NotificationsConfig.Text text = byKey.get(MessageTemplates.key(kind));
        texts.put(kind, new MessageTemplates.Texts(text.sms(), text.voice()));
      }
      languages.put(language, new MessageTemplates.Language(texts, t.unknownTime(), t.repeatHint()));
    });
    return new MessageTemplates(languages, config.locale().defaultLanguage(), config.locale().zone());
  }

  private static String publicUrl(ServerConfig server) {
    if (server.publicUrl() != null) {
      return server.publicUrl().replaceAll("/+$", "");
    }
    return (server.tls() != null ? "https://" : "http://") + server.host() + ":" + server.port();
  }

  public String openApiFragment() {
    return "openapi/notifications.yaml";
  }

  public Consumer<RouterBuilder> routes() {
    return routes;
  }

  /** Outages for other modules (the IVR announces the active ones for the caller's area). */
  public OutageService outages() {
    return outages;
  }

  /** The {@code notify} script the PBX runs on answered notification calls. */
  public CallScript notifyScript() {
    return notifyScript;
  }

  /** Stops scheduling and dialling, lets the SMS in flight be recorded, releases the Twilio workers. */
  public Future<Void> close() {
    vertx.cancelTimer(scheduler);
    feed.stop();
    dialler.stop();
    Future<Void> stopped = dispatcher == null ? Future.succeededFuture() : dispatcher.stop();
    return stopped.eventually(() -> {
      if (sms != null) {
        sms.close();
      }
      return Future.succeededFuture();
    });
  }
}
