package org.gridcare.crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.fails;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.Interaction;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.crm.pg.PgOutboxRelay;
import org.gridcare.crm.pg.PgOutboxRelayAccess;
import org.gridcare.crm.pg.PgSampleData;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class WebhookRelayTest {
  static final byte[] SECRET = "webhook-secret-for-tests".getBytes();
  static CrmTestBed bed;
  static Customer customer;

  @BeforeAll
  static void load(Vertx vertx, StorageSettings settings) throws Exception {
    bed = CrmTestBed.start(vertx, settings, true);
    ok(PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, 5, 1));
    customer = ok(bed.customers.byNumber("C100001")).orElseThrow();
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  /** A CRM that is down (503, then dropped connections) for its first requests, then accepts and deduplicates. */
  static final class FlakyCrm {
    final int failures;
    final AtomicInteger requests = new AtomicInteger();
    final Map<String, JsonObject> accepted = new LinkedHashMap<>();
    final Map<String, Integer> okResponses = new ConcurrentHashMap<>();
    final List<String> badSignatures = new ArrayList<>();
    final CompletableFuture<Void> all = new CompletableFuture<>();
    final int expected;

    FlakyCrm(int failures, int expected) {
      this.failures = failures;
      this.expected = expected;
    }

    HttpServer start(Vertx vertx) throws Exception {
      return ok(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
        int n = requests.incrementAndGet();
        if (n <= failures) {
          if (n % 2 == 0) {
            req.connection().close();
          } else {
            req.response().setStatusCode(503).end();
          }
          return;
        }
        String ts = req.getHeader(WebhookCrmEvents.TIMESTAMP);
        String expectedSig = "sha256=" + WebhookCrmEvents.sign(SECRET, ts, body.toString());
        String key = req.getHeader(WebhookCrmEvents.IDEMPOTENCY_KEY);
        synchronized (this) {
          if (!expectedSig.equals(req.getHeader(WebhookCrmEvents.SIGNATURE))) {
            badSignatures.add(key);
          }
          accepted.putIfAbsent(key, body.toJsonObject());
          okResponses.merge(key, 1, Integer::sum);
          if (accepted.size() >= expected) {
            all.complete(null);
          }
        }
        req.response().setStatusCode(200).end();
      })).listen(0, "127.0.0.1"));
    }
  }

  @Test
  void everyEventReachesARecoveringCrmExactlyOnceInOrderPerTicket(Vertx vertx) throws Exception {
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Ticket t = ok(bed.ticketService.open(new TicketDraft(customer.id(), TicketTopic.OUTAGE, "Outage " + i, null, null,
          null, null, TicketSource.OPERATOR, null, "op1001")));
      Ticket w = ok(bed.ticketService.transition(t.id(), null, "op1001", TicketStatus.IN_PROGRESS, null));
      ok(bed.ticketService.transition(w.id(), null, "op1001", TicketStatus.RESOLVED, "fixed"));
      tickets.add(t);
    }
    ok(bed.interactions.begin(new Interaction("call-w1", customer.id(), "+4791000000", Interaction.Direction.INBOUND,
        List.of(), 1, null, Instant.now(), null, null, Interaction.Outcome.IN_PROGRESS)));
    ok(bed.interactions.ended("call-w1", Instant.now(), Interaction.Outcome.ABANDONED));
    // A change the workflow refuses writes no outbox row: the event exists exactly when the change committed.
    fails(bed.ticketService.transition(tickets.get(0).id(), null, "op1001", TicketStatus.WAITING, null));

    long rows = ok(bed.storage.pool().query("SELECT count(*) FROM crm_outbox").execute()).iterator().next().getLong(0);
    assertThat(rows).isEqualTo(3 * 3 + 1);

    FlakyCrm crm = new FlakyCrm(6, (int) rows);
    HttpServer server = crm.start(vertx);
    WebClient client = WebClient.create(vertx);
    PgOutboxRelay relay = new PgOutboxRelay(vertx, bed.storage.pool(),
        new WebhookCrmEvents(client, "http://127.0.0.1:" + server.actualPort() + "/crm/events", SECRET,
            Duration.ofSeconds(2), Clock.systemUTC()),
        Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofMillis(200), Clock.systemUTC());
    try {
      relay.start();
      crm.all.get(30, TimeUnit.SECONDS);
      // stop() waits for the round in flight, so the last delivery is marked before we look.
      ok(relay.stop());
      assertThat(crm.badSignatures).isEmpty();
      assertThat(crm.okResponses.values()).allMatch(n -> n == 1);
      assertThat(crm.accepted).hasSize((int) rows);
      for (Ticket t : tickets) {
        List<String> seen = crm.accepted.values().stream()
            .filter(e -> e.getString("aggregate").equals("ticket:" + t.id()))
            .map(e -> e.getString("type") + ":" + e.getJsonObject("data").getString("status")).toList();
        assertThat(seen).containsExactly("ticket.opened:new", "ticket.transitioned:in-progress",
            "ticket.transitioned:resolved");
      }
      JsonObject call = crm.accepted.values().stream().filter(e -> e.getString("type").equals("call.ended"))
          .findFirst().orElseThrow();
      assertThat(call.encode()).doesNotContain("+4791000000");
      assertThat(crm.requests.get()).isGreaterThan((int) rows);
      long pending = ok(bed.storage.pool().query("SELECT count(*) FROM crm_outbox WHERE delivered_at IS NULL").execute())
          .iterator().next().getLong(0);
      assertThat(pending).isZero();
    } finally {
      ok(relay.stop());
      client.close();
      ok(server.close());
    }
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Duration i = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(5);
    assertThat(List.of(1, 2, 3, 4, 20).stream().map(n -> PgOutboxRelayAccess.backoff(i, max, n)).toList())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), max);
  }
}
