package org.gridcare.crm;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.TopicConfig;
import org.gridcare.crm.app.CustomerDirectory;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.app.ReadingService;
import org.gridcare.crm.app.ScreenPop;
import org.gridcare.crm.app.TicketService;
import org.gridcare.crm.crypto.AesGcmIdentityVault;
import org.gridcare.crm.pg.PgApplications;
import org.gridcare.crm.pg.PgCustomers;
import org.gridcare.crm.pg.PgInteractions;
import org.gridcare.crm.pg.PgMeterReadings;
import org.gridcare.crm.pg.PgTickets;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;

/** The CRM's adapters and services over a real PostgreSQL, for integration tests. */
public final class CrmTestBed {
  public static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

  public final Storage storage;
  public final AesGcmIdentityVault vault = new AesGcmIdentityVault(KEY);
  public final PgCustomers customers;
  public final PgTickets tickets;
  public final PgInteractions interactions;
  public final PgMeterReadings readings;
  public final PgApplications applications;
  public final PhoneNumbers phones = new PhoneNumbers("NO");
  public final CustomerDirectory directory;
  public final TicketService ticketService;
  public final ReadingService readingService;
  /** What the ticket service announced as linked ({@code ticketId:kind:ref}). */
  public final java.util.List<String> links = new java.util.concurrent.CopyOnWriteArrayList<>();

  private CrmTestBed(Storage storage, boolean externalEvents, OutageLookup outages) {
    this.storage = storage;
    customers = new PgCustomers(storage.pool(), vault, externalEvents);
    tickets = new PgTickets(storage.pool(), externalEvents);
    interactions = new PgInteractions(storage.pool(), externalEvents);
    readings = new PgMeterReadings(storage.pool());
    applications = new PgApplications(storage.pool());
    directory = new CustomerDirectory(customers, tickets, interactions, applications, phones, storage.audit());
    ticketService = new TicketService(tickets, customers,
        List.of(new TopicConfig("outage", "Outage", 1, null, null, null),
            new TopicConfig("grid-connection", "Grid connection", 2, null, null, null)),
        Clock.systemUTC(), (ticketId, link) -> links.add(ticketId + ":" + link.kind() + ":" + link.ref()));
    readingService = new ReadingService(readings, customers, ticketService);
  }

  public static CrmTestBed start(Vertx vertx, StorageSettings settings, boolean externalEvents) throws Exception {
    return new CrmTestBed(Storage.start(vertx, settings).await(120, TimeUnit.SECONDS), externalEvents, OutageLookup.NONE);
  }

  public ScreenPop screenPop(OutageLookup outages) {
    return new ScreenPop(customers, tickets, interactions, outages, phones);
  }

  public void close() throws Exception {
    storage.close().await(30, TimeUnit.SECONDS);
  }
}
