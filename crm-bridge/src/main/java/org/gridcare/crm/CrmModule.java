package org.gridcare.crm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.crm.app.Applications;
import org.gridcare.crm.app.CallHistory;
import org.gridcare.crm.app.CrmEvents;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.CustomerDirectory;
import org.gridcare.crm.app.CustomerImport;
import org.gridcare.crm.app.GridCsv;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.app.ReadingService;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.app.ScreenPop;
import org.gridcare.crm.app.TicketService;
import org.gridcare.crm.app.Views;
import org.gridcare.crm.crypto.AesGcmIdentityVault;
import org.gridcare.crm.crypto.IdentityKeys;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.http.HttpCrmRoutes;
import org.gridcare.crm.pg.PgApplications;
import org.gridcare.crm.pg.PgCustomerImport;
import org.gridcare.crm.pg.PgCustomers;
import org.gridcare.crm.pg.PgIdentityKeys;
import org.gridcare.crm.pg.PgInteractions;
import org.gridcare.crm.pg.PgMeterReadings;
import org.gridcare.crm.pg.PgOutboxRelay;
import org.gridcare.crm.pg.PgSampleData;
import org.gridcare.crm.pg.PgTickets;
import org.gridcare.crm.webhook.WebhookCrmEvents;
import org.gridcare.pbx.Pbx;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the CRM bridge: PostgreSQL adapters, the identity vault, the services, call history on PBX events, the
 * ticket reminder round, and (when {@code crm.webhook} is configured) the outbox relay to the external CRM.
 *
 * <p>The identity key comes from the environment variable {@code CC_CRM_IDENTITY_KEY} (base64, 32+ bytes) or, when
 * unset, from {@code <storage.data-dir>/crm-identity.key}, created once with owner-only permissions. Losing it makes
 * stored national IDs unreadable (they stay findable by nobody), so production should set the variable. Retired keys
 * ({@code CC_CRM_IDENTITY_RETIRED_KEYS} or {@code crm-identity-retired.keys}) still open what they sealed until
 * {@code ./contact-centre keys rotate} has re-encrypted it ({@link IdentityKeys}).
 */
public final class CrmModule {
  private static final Logger LOG = LoggerFactory.getLogger(CrmModule.class);
  public static final String KEY_ENV = IdentityKeys.ENV;
  /** Event-bus address where due ticket reminders are published (JSON ticket), for the operator desktop stream. */
  public static final String REMINDER_ADDRESS = "crm.ticket.reminder";
  /**
   * Event-bus address where links of calls and recordings to tickets are published ({@code ticketId}, {@code kind}
   * call|recording, {@code ref}, {@code actor}); the recordings module links the call's recording to the ticket.
   */
  public static final String LINK_ADDRESS = "crm.ticket.linked";
  /** Event-bus address where a caller recognised by number is announced ({@code callId}, {@code customerId}). */
  public static final String IDENTIFIED_ADDRESS = "crm.call.identified";

  private final Vertx vertx;
  private final Storage storage;
  private final Path sampleData;
  private final PhoneNumbers phones;
  private final AesGcmIdentityVault vault;
  private final CustomerDirectory directory;
  private final TicketService tickets;
  private final PgInteractions interactions;
  private final ScreenPop screenPop;
  private final ReadingService readings;
  private final PgApplications applications;
  private final CallHistory callHistory;
  private final PgOutboxRelay relay;
  private final WebClient webClient;
  private final AutoCloseable pbxSubscription;
  private final long reminderTimer;

  private CrmModule(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx, OutageLookup outages,
      IdentityKeys identityKey) {
    this.vertx = vertx;
    this.storage = storage;
    this.sampleData = Path.of(config.crm().sampleData());
    Clock clock = Clock.systemUTC();
    boolean external = config.crm().webhook() != null;
    phones = new PhoneNumbers(config.locale().phoneRegion());
    vault = new AesGcmIdentityVault(identityKey);
    PgCustomers customers = new PgCustomers(storage.pool(), vault, external);
    PgTickets ticketStore = new PgTickets(storage.pool(), external);
    interactions = new PgInteractions(storage.pool(), external);
    applications = new PgApplications(storage.pool());
    directory = new CustomerDirectory(customers, ticketStore, interactions, applications, phones, storage.audit());
    tickets = new TicketService(ticketStore, customers, config.topics(), clock, (ticketId, link) ->
        vertx.eventBus().publish(LINK_ADDRESS, new io.vertx.core.json.JsonObject().put("ticketId", ticketId)
            .put("kind", link.kind()).put("ref", link.ref()).put("actor", link.linkedBy())));
    readings = new ReadingService(new PgMeterReadings(storage.pool()), customers, tickets);
    screenPop = new ScreenPop(customers, ticketStore, interactions, outages, phones);
    Map<String, String> operatorByEndpoint = new HashMap<>();
    for (OperatorConfig o : config.operators()) {
      operatorByEndpoint.put(o.endpoint(), o.id());
    }
    callHistory = new CallHistory(interactions, directory, phones, operatorByEndpoint, (callId, customerId) ->
        vertx.eventBus().publish(IDENTIFIED_ADDRESS, new io.vertx.core.json.JsonObject().put("callId", callId)
            .put("customerId", customerId)));
    pbxSubscription = pbx.subscribe(callHistory::on);
    if (external) {
      webClient = WebClient.create(vertx);
      CrmEvents events = new WebhookCrmEvents(webClient, config.crm().webhook().url(),
          config.crm().webhook().hmacSecret().value().getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(10), clock);
      relay = new PgOutboxRelay(vertx, storage.pool(), events, Duration.ofSeconds(1), Duration.ofSeconds(2),
          Duration.ofMinutes(5), clock);
      relay.start();
    } else {
      webClient = null;
      relay = null;
    }
    reminderTimer = vertx.setPeriodic(config.crm().reminderRound().toMillis(), id -> remindDue(ticketStore, clock));
  }

  /** Call from a Vert.x context: PBX events and the call history run on the context that started the module. */
  public static Future<CrmModule> start(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx,
      OutageLookup outages) {
    return vertx.executeBlocking(() -> identityKey(config), false)
        .map(key -> new CrmModule(vertx, config, storage, pbx, outages, key));
  }

  /**
   * Imports a CSV file all or nothing without starting the module (no PBX, no timers), with the same identity key as
   * the running server: {@code kind} is {@code customers} ({@link CustomerCsv#COLUMNS}), {@code areas}
   * ({@link GridCsv#AREA_COLUMNS}) or {@code metering-points} ({@link GridCsv#POINT_COLUMNS}); the report lists bad
   * rows by line. For {@code ./contact-centre import KIND FILE.csv} (the CLI reads the file and draws the progress bar).
   */
  public static Future<CustomerImport.Report> importCsv(Vertx vertx, ContactCentreConfig config, Storage storage,
      String kind, String csv, IntConsumer progress) {
    PhoneNumbers phones = new PhoneNumbers(config.locale().phoneRegion());
    return vertx.executeBlocking(() -> identityKey(config), false)
        .compose(key -> importCsv(vertx, storage, new AesGcmIdentityVault(key), phones, kind, csv, progress));
  }

  /** Imports a customer CSV ({@link CustomerCsv#COLUMNS}) all or nothing; the report lists bad rows by line. */
  public Future<CustomerImport.Report> importCustomers(String csv, IntConsumer progress) {
    return importCsv(vertx, storage, vault, phones, "customers", csv, progress);
  }

  /** Imports grid areas ({@link GridCsv#AREA_COLUMNS}). */
  public Future<CustomerImport.Report> importAreas(String csv, IntConsumer progress) {
    return importCsv(vertx, storage, vault, phones, "areas", csv, progress);
  }

  /** Imports metering points ({@link GridCsv#POINT_COLUMNS}). */
  public Future<CustomerImport.Report> importMeteringPoints(String csv, IntConsumer progress) {
    return importCsv(vertx, storage, vault, phones, "metering-points", csv, progress);
  }

  /**
   * The import path itself, with the identity vault given (the import benchmark uses a key of its own): the file is
   * parsed and validated on a worker thread, then loaded in one transaction.
   */
  public static Future<CustomerImport.Report> importCsv(Vertx vertx, Storage storage, AesGcmIdentityVault vault,
      PhoneNumbers phones, String kind, String csv, IntConsumer progress) {
    PgCustomerImport importer = new PgCustomerImport(storage.pool(), vault);
    return switch (kind) {
      case "customers" -> vertx.executeBlocking(() -> CustomerCsv.parse(csv, phones), false)
          .compose(parsed -> importer.importCustomers(parsed, progress));
      case "areas" -> vertx.executeBlocking(() -> GridCsv.areas(csv), false)
          .compose(parsed -> importer.importAreas(parsed, progress));
      case "metering-points" -> vertx.executeBlocking(() -> GridCsv.points(csv), false)
          .compose(parsed -> importer.importMeteringPoints(parsed, progress));
      default -> Future.failedFuture(new IllegalArgumentException(
          "Unknown import " + kind + " (customers, areas, metering-points)"));
    };
  }

  /** The generated sample data set as import CSV: {@code customers} customers over three grid areas. */
  public static String sampleCsv(int customers) {
    StringBuilder out = new StringBuilder(CustomerCsv.header()).append('\n');
    for (var d : SampleCustomers.generate(customers, 2026)) {
      out.append(CustomerCsv.line(d)).append('\n');
    }
    return out.toString();
  }

  /** Loads the first {@code customers} of the generated population into an empty CRM (tests that name them). */
  public Future<Integer> loadSampleData(int customers) {
    return PgSampleData.loadIfEmpty(storage.pool(), vault, customers, 2026);
  }

  /** Imports the configured sample data set ({@code crm.sample-data}) into an empty CRM: {@link #loadSampleData(Path)}. */
  public Future<Integer> loadSampleData() {
    return loadSampleData(sampleData);
  }

  /** The files of a sample data set ({@code crm.sample-data}), in the order they are imported. */
  public static final List<String> SAMPLE_FILES = List.of("areas.csv", "customers.csv", "metering-points.csv");

  /**
   * Imports the sample data set in {@code dir} ({@link #SAMPLE_FILES}: grid areas, customers, extra metering points)
   * through the CSV importer into an empty CRM, each file all or nothing; returns the customers imported (0 when the
   * CRM already has customers). A rejected file fails with its first bad rows named by line.
   */
  public Future<Integer> loadSampleData(Path dir) {
    return new PgCustomers(storage.pool(), vault).count().compose(n -> {
      if (n > 0) {
        return Future.succeededFuture(0);
      }
      Future<Integer> chain = Future.succeededFuture(0);
      for (String file : SAMPLE_FILES) {
        String kind = file.substring(0, file.length() - ".csv".length());
        chain = chain.compose(customers -> vertx.fileSystem().readFile(dir.resolve(file).toString())
            .compose(csv -> importCsv(vertx, storage, vault, phones, kind, csv.toString(StandardCharsets.UTF_8), x -> { }))
            .compose(report -> {
              if (!report.ok()) {
                return Future.failedFuture(DomainException.invalid("bad-sample-data", dir.resolve(file) + " rejected: "
                    + report.errors().stream().limit(3).map(e -> "line " + e.line() + ": " + e.message()).toList()));
              }
              return Future.succeededFuture(kind.equals("customers") ? report.imported() : customers);
            }));
      }
      return chain.onSuccess(customers -> LOG.info("Imported the sample data set from {}: {} customers", dir, customers));
    });
  }

  private void remindDue(PgTickets store, Clock clock) {
    store.takeDueReminders(clock.instant(), 100)
        .compose(due -> {
          Future<Void> chain = Future.succeededFuture();
          for (Ticket t : due) {
            vertx.eventBus().publish(REMINDER_ADDRESS, Views.ticket(t));
            chain = chain.compose(v -> storage.journal().append(JournalEntry.of("crm.ticket.reminded").line(t.line())
                .operator(t.owner()).customer(t.customerId() == null ? null : String.valueOf(t.customerId()))
                .data(Map.of("ticket", t.number(), "dueAt", String.valueOf(t.dueAt())))));
          }
          return chain;
        })
        .onFailure(e -> LOG.warn("Ticket reminder round failed: {}", e.toString()));
  }

  private static IdentityKeys identityKey(ContactCentreConfig config) throws IOException {
    return IdentityKeys.load(Path.of(config.storage().dataDir()), System.getenv());
  }

  /** The stored identities by key: status, re-encryption after a key rotation, and reveal for authorised callers. */
  public PgIdentityKeys identityKeys() {
    return new PgIdentityKeys(storage.pool(), vault);
  }

  /**
   * A customer's national ID / organisation number in clear, for a caller the server has authorised: recorded in the
   * access audit ({@code customer.identity.revealed}, actor and reason) before it is returned; empty (and not
   * audited) when there is no such customer or the identity was erased. The HTTP reveal and the privacy export use it.
   */
  public Future<Optional<PartyIdentity>> revealIdentity(long customerId, String actor, String reason) {
    return identityKeys().reveal(customerId).compose(found -> found.isEmpty() ? Future.succeededFuture(found)
        : storage.audit().record(AuditEntry.of(actor, "customer.identity.revealed", "customer",
            String.valueOf(customerId)).because(reason)).map(found));
  }

  /**
   * The identity keys as configured and the stored identities under them, without starting the module, for
   * {@code ./contact-centre keys}: {@code rotate} makes a new current key first (key files only).
   */
  public static Future<PgIdentityKeys> identityKeys(Vertx vertx, ContactCentreConfig config, Storage storage,
      boolean rotate) {
    return vertx.executeBlocking(() -> {
      IdentityKeys keys = identityKey(config);
      return rotate ? keys.rotateFiles(Path.of(config.storage().dataDir())) : keys;
    }, false).map(keys -> new PgIdentityKeys(storage.pool(), new AesGcmIdentityVault(keys)));
  }

  public String openApiFragment() {
    return "openapi/crm.yaml";
  }

  public Consumer<RouterBuilder> routes() {
    return new HttpCrmRoutes(directory, tickets, interactions, screenPop, readings, applications, Clock.systemUTC());
  }

  /** Caller look-ups for the IVR, and the outage audience for notifications. */
  public CustomerDirectory directory() {
    return directory;
  }

  public TicketService tickets() {
    return tickets;
  }

  /** Meter readings from the IVR. */
  public ReadingService readings() {
    return readings;
  }

  /** Grid-connection applications (the IVR tells callers the stage of theirs). */
  public Applications applications() {
    return applications;
  }

  public ScreenPop screenPop() {
    return screenPop;
  }

  /** IVR path, queue and outcome of a call ({@code ivrStep}, {@code queued}, {@code outcome}). */
  public CallHistory callHistory() {
    return callHistory;
  }

  public Future<Void> close() {
    vertx.cancelTimer(reminderTimer);
    try {
      pbxSubscription.close();
    } catch (Exception e) {
      LOG.warn("Unsubscribing the CRM from PBX events failed: {}", e.toString());
    }
    Future<Void> stopped = relay == null ? Future.succeededFuture() : relay.stop();
    return stopped.eventually(() -> {
      if (webClient != null) {
        webClient.close();
      }
      return Future.succeededFuture();
    });
  }
}
