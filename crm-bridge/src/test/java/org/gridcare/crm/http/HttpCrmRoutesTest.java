package org.gridcare.crm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.app.OutageLookup;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.pg.PgSampleData;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.gridcare.testsupport.TestApi;

@RealServers
class HttpCrmRoutesTest {
  static final String AGENT1 = "op1001;agent;1";
  static final String AGENT2 = "op2001;agent;2";
  static CrmTestBed bed;
  static HttpServer server;
  static WebClient client;
  static Customer customer;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    bed = CrmTestBed.start(vertx, settings, false);
    ok(PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, 20, 9));
    customer = ok(bed.customers.byNumber("C100005")).orElseThrow();
    server = ok(TestApi.start(vertx, "openapi/crm.yaml", new HttpCrmRoutes(bed.directory, bed.ticketService,
        bed.interactions, bed.screenPop(OutageLookup.NONE), bed.readingService, bed.applications, Clock.systemUTC())));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    ok(server.close());
    bed.close();
  }

  static HttpResponse<Buffer> call(HttpMethod method, String uri, String user, JsonObject body) throws Exception {
    var req = client.request(method, uri).putHeader("X-Test-User", user);
    return ok(body == null ? req.send() : req.sendJsonObject(body));
  }

  @Test
  void searchByNameNumberPhoneAndGsrnWithMaskedIdentities() throws Exception {
    String typo = customer.name().substring(0, customer.name().length() - 1);
    JsonArray byName = call(HttpMethod.GET, "/api/crm/customers?name=" + typo.replace(" ", "%20"), AGENT1, null).bodyAsJsonArray();
    assertThat(byName.stream().map(o -> ((JsonObject) o).getString("number"))).contains(customer.number());
    JsonObject hit = byName.getJsonObject(0);
    assertThat(hit.getString("identity")).matches("\\*+\\d\\d");

    String phone = customer.phones().get(0).e164();
    JsonArray byPhone = call(HttpMethod.GET, "/api/crm/customers?phone=00" + phone.substring(1), AGENT1, null)
        .bodyAsJsonArray();
    assertThat(byPhone).hasSize(1);
    JsonArray byGsrn = call(HttpMethod.GET, "/api/crm/customers?gsrn=" + customer.meteringPoints().get(0).gsrn(), AGENT1,
        null).bodyAsJsonArray();
    assertThat(byGsrn.getJsonObject(0).getLong("id")).isEqualTo(customer.id());
  }

  @Test
  void badSearchesAreClearErrors() throws Exception {
    var none = call(HttpMethod.GET, "/api/crm/customers", AGENT1, null);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.bodyAsJsonObject().getString("error")).isEqualTo("one-search-criterion");
    var two = call(HttpMethod.GET, "/api/crm/customers?name=Anna&number=C100001", AGENT1, null);
    assertThat(two.statusCode()).isEqualTo(400);
    String g = customer.meteringPoints().get(0).gsrn().value();
    var badGsrn = call(HttpMethod.GET, "/api/crm/customers?gsrn=" + g.substring(0, 17) + ((g.charAt(17) - '0' + 1) % 10),
        AGENT1, null);
    assertThat(badGsrn.bodyAsJsonObject().getString("error")).isEqualTo("invalid-gsrn");
    assertThat(call(HttpMethod.GET, "/api/crm/customers?gsrn=12ab", AGENT1, null).statusCode()).isEqualTo(400);
  }

  @Test
  void ticketLifecycleOverHttpWithLineChecks() throws Exception {
    var created = call(HttpMethod.POST, "/api/crm/tickets", AGENT1, new JsonObject().put("customerId", customer.id())
        .put("topic", "outage").put("subject", "No power").put("callId", "call-5"));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject t = created.bodyAsJsonObject();
    assertThat(t.getInteger("line")).isEqualTo(1);
    assertThat(t.getString("createdBy")).isEqualTo("op1001");
    long id = t.getLong("id");

    var moved = call(HttpMethod.POST, "/api/crm/tickets/" + id + "/transitions", AGENT1,
        new JsonObject().put("to", "in-progress").put("version", t.getInteger("version")));
    assertThat(moved.statusCode()).isEqualTo(200);
    var stale = call(HttpMethod.POST, "/api/crm/tickets/" + id + "/transitions", AGENT1,
        new JsonObject().put("to", "resolved").put("version", t.getInteger("version")));
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(stale.bodyAsJsonObject().getString("error")).isEqualTo("ticket-changed");
    var illegal = call(HttpMethod.POST, "/api/crm/tickets/" + id + "/transitions", AGENT1, new JsonObject().put("to", "new"));
    assertThat(illegal.bodyAsJsonObject().getString("error")).isEqualTo("illegal-transition");
    var otherLine = call(HttpMethod.POST, "/api/crm/tickets/" + id + "/notes", AGENT2, new JsonObject().put("body", "hi"));
    assertThat(otherLine.statusCode()).isEqualTo(403);
    assertThat(call(HttpMethod.POST, "/api/crm/tickets/" + id + "/notes", AGENT1,
        new JsonObject().put("body", "Crew sent")).statusCode()).isEqualTo(201);
    assertThat(call(HttpMethod.POST, "/api/crm/tickets/" + id + "/links", AGENT1,
        new JsonObject().put("kind", "recording").put("ref", "rec-1")).statusCode()).isEqualTo(204);
    var patched = call(HttpMethod.PATCH, "/api/crm/tickets/" + id, "sup1;supervisor;1",
        new JsonObject().put("line", 2).put("dueAt", "2030-01-01T12:00:00Z"));
    assertThat(patched.bodyAsJsonObject().getInteger("line")).isEqualTo(2);
    assertThat(patched.bodyAsJsonObject().getString("remindAt")).isEqualTo("2029-12-31T12:00:00Z");

    JsonObject detail = call(HttpMethod.GET, "/api/crm/tickets/" + id, AGENT2, null).bodyAsJsonObject();
    assertThat(detail.getJsonArray("history").stream().map(o -> ((JsonObject) o).getString("to")))
        .containsExactly("new", "in-progress");
    assertThat(detail.getJsonArray("notes")).hasSize(1);
    assertThat(detail.getJsonArray("links")).hasSize(2);

    JsonObject c360 = call(HttpMethod.GET, "/api/crm/customers/" + customer.id(), AGENT1, null).bodyAsJsonObject();
    assertThat(c360.getJsonArray("tickets").stream().map(o -> ((JsonObject) o).getLong("id"))).contains(id);
    assertThat(c360.getJsonObject("customer").getString("identity")).matches("\\*+\\d\\d");
    long views = ok(bed.storage.pool().query("SELECT count(*) FROM audit WHERE action = 'customer.viewed' AND actor = "
        + "'op1001' AND subject_id = '" + customer.id() + "'").execute()).iterator().next().getLong(0);
    assertThat(views).isEqualTo(1);
  }

  @Test
  void invalidTicketRequestsAreRejectedByTheContractOrTheDomain() throws Exception {
    assertThat(call(HttpMethod.POST, "/api/crm/tickets", AGENT1, new JsonObject().put("topic", "weather")
        .put("subject", "x")).statusCode()).isEqualTo(400);
    assertThat(call(HttpMethod.POST, "/api/crm/tickets", AGENT1, new JsonObject().put("topic", "outage")
        .put("subject", "x").put("extra", 1)).statusCode()).isEqualTo(400);
    var unknownCustomer = call(HttpMethod.POST, "/api/crm/tickets", AGENT1, new JsonObject().put("customerId", 99999)
        .put("topic", "outage").put("subject", "x"));
    assertThat(unknownCustomer.statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.GET, "/api/crm/tickets/424242", AGENT1, null).statusCode()).isEqualTo(404);
  }

  @Test
  void gridConnectionApplicationsMoveStageByStage() throws Exception {
    var submitted = call(HttpMethod.POST, "/api/crm/customers/" + customer.id() + "/applications", AGENT2,
        new JsonObject().put("requestedKw", "22"));
    assertThat(submitted.statusCode()).isEqualTo(201);
    String number = submitted.bodyAsJsonObject().getString("number");
    assertThat(call(HttpMethod.POST, "/api/crm/applications/" + number + "/stage", AGENT2,
        new JsonObject().put("stage", "site-survey")).bodyAsJsonObject().getString("stage")).isEqualTo("site-survey");
    var skipped = call(HttpMethod.POST, "/api/crm/applications/" + number + "/stage", AGENT2,
        new JsonObject().put("stage", "energised"));
    assertThat(skipped.statusCode()).isEqualTo(409);
    assertThat(call(HttpMethod.GET, "/api/crm/applications/" + number, AGENT1, null).bodyAsJsonObject()
        .getString("stage")).isEqualTo("site-survey");
    assertThat(call(HttpMethod.GET, "/api/crm/applications/A999999", AGENT1, null).statusCode()).isEqualTo(404);
  }

  @Test
  void screenPopAndReadingsOverHttp() throws Exception {
    String phone = customer.phones().get(0).e164();
    JsonObject card = call(HttpMethod.POST, "/api/crm/screen-pop", AGENT1, new JsonObject().put("phone", phone))
        .bodyAsJsonObject();
    assertThat(card.getBoolean("known")).isTrue();
    assertThat(card.getString("caller")).doesNotContain(phone.substring(3));
    JsonObject unknown = call(HttpMethod.POST, "/api/crm/screen-pop", AGENT1, new JsonObject().put("phone", "12345")).bodyAsJsonObject();
    assertThat(unknown.getBoolean("known")).isFalse();

    String gsrn = customer.meteringPoints().get(0).gsrn().value();
    assertThat(call(HttpMethod.POST, "/api/crm/metering-points/" + gsrn + "/readings", AGENT2,
        new JsonObject().put("kwh", 500.5)).statusCode()).isEqualTo(201);
    var lower = call(HttpMethod.POST, "/api/crm/metering-points/" + gsrn + "/readings", AGENT2,
        new JsonObject().put("kwh", 100));
    assertThat(lower.bodyAsJsonObject().getString("error")).isEqualTo("reading-decreased");
  }
}
