package org.gridcare.notifications.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Tuple;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gridcare.notifications.app.DeliveryReports;
import org.gridcare.notifications.app.OutageService;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.pg.PgOptOuts;
import org.gridcare.notifications.pg.PgSmsOutbox;
import org.gridcare.notifications.testing.Fixtures;
import org.gridcare.notifications.twilio.TwilioSignatures;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module's OpenAPI fragment and handlers over real PostgreSQL. The server composes the real edge (auth, roles,
 * error mapping); here a stand-in signs everyone in from a header and maps error kinds the same way.
 */
@RealServers
class HttpNotificationsRoutesTest {
  static final String TOKEN = "twilio-auth-token";
  static final String PUBLIC = "https://cc.example.net";
  static Storage storage;
  static WebClient client;
  static int port;
  static List<Candidate> customers = new java.util.ArrayList<>(Fixtures.households(700_000, 5));

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    customers.add(new Candidate("big-1", "Aluminium plant", "+4722999999", "en", true,
        org.gridcare.notifications.domain.Segment.LARGE_CONSUMER));
    storage = await(Storage.start(vertx, settings));
    OutageService outages = Fixtures.outages(storage.pool(), area -> Future.succeededFuture(customers), true,
        Clock.systemUTC());
    PgSmsOutbox outbox = new PgSmsOutbox(storage.pool());
    HttpNotificationsRoutes routes = new HttpNotificationsRoutes(outages, outbox,
        new org.gridcare.notifications.pg.PgOperatorCalls(storage.pool()),
        new DeliveryReports(outbox, new PgOptOuts(storage.pool()), Fixtures.PHONES), new TwilioSignatures(TOKEN),
        PUBLIC);
    JsonObject doc = document();
    HttpServer server = await(OpenAPIContract.from(vertx, doc).compose(contract -> {
      RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      rb.rootHandler(BodyHandler.create());
      rb.rootHandler(ctx -> {
        String who = ctx.request().getHeader("X-Test-User");
        if (who != null) {
          String role = ctx.request().getHeader("X-Test-Role");
          String lines = ctx.request().getHeader("X-Test-Lines");
          ((io.vertx.ext.web.impl.UserContextInternal) ctx.userContext()).setUser(User.create(
              new JsonObject().put("username", who).put("roles", new JsonArray().add(role == null ? "supervisor" : role))
                  .put("lines", lines == null ? new JsonArray() : new JsonArray().add(Integer.parseInt(lines)))));
        }
        ctx.next();
      });
      rb.getRoutes().forEach(r -> r.addFailureHandler(ctx -> {
        int status = ctx.failure() instanceof DomainException e ? switch (e.kind()) {
          case INVALID -> 400;
          case FORBIDDEN -> 403;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          default -> 500;
        } : ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        ctx.response().setStatusCode(status).end(ctx.failure() instanceof DomainException e
            ? e.id() + ": " + e.getMessage() : String.valueOf(ctx.failure()));
      }));
      routes.accept(rb);
      return vertx.createHttpServer().requestHandler(rb.createRouter()).listen(0, "127.0.0.1");
    }));
    port = server.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      await(storage.close());
    }
  }

  @SuppressWarnings("unchecked")
  static JsonObject document() throws Exception {
    try (InputStream in = HttpNotificationsRoutesTest.class.getClassLoader()
        .getResourceAsStream("openapi/notifications.yaml")) {
      JsonObject fragment = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(in, Map.class));
      return new JsonObject().put("openapi", "3.1.0").put("info", new JsonObject().put("title", "t").put("version", "1"))
          .put("paths", fragment.getJsonObject("paths")).put("components", fragment.getJsonObject("components"));
    }
  }

  /** Twilio's algorithm, written out independently of the SDK: Base64(HMAC-SHA1(token, url + sorted k+v)). */
  static String sign(String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static HttpResponse<io.vertx.core.buffer.Buffer> webhook(String pathAndQuery, Map<String, String> form,
      String signature) throws Exception {
    MultiMap body = MultiMap.caseInsensitiveMultiMap();
    form.forEach(body::add);
    var req = client.post(port, "127.0.0.1", pathAndQuery);
    if (signature != null) {
      req.putHeader("X-Twilio-Signature", signature);
    }
    return await(req.sendForm(body));
  }

  static JsonObject reportOutage() throws Exception {
    var r = await(client.post(port, "127.0.0.1", "/api/notifications/outages").putHeader("X-Test-User", "sup1")
        .sendJsonObject(new JsonObject().put("kind", "unplanned").put("cause", "storm")
            .put("area", new JsonObject().put("postcodes", new JsonArray().add("0150")))));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  /** The state of the campaign's SMS to {@code phone}; null when the campaign has none for it. */
  static String state(String phone, String campaign) throws Exception {
    var rows = await(storage.pool().preparedQuery("SELECT state FROM notify_sms WHERE phone=$1 AND "
        + "campaign_id=$2::uuid").execute(Tuple.of(phone, campaign)));
    return rows.size() == 0 ? null : rows.iterator().next().getString("state");
  }

  static String onlyCampaign(String outageId) throws Exception {
    var r = await(client.get(port, "127.0.0.1", "/api/notifications/outages/" + outageId + "/campaigns")
        .putHeader("X-Test-User", "sup1").send());
    return r.bodyAsJsonArray().getJsonObject(r.bodyAsJsonArray().size() - 1).getString("id");
  }

  @Test
  void supervisorReportsAnOutageAndSeesItsCampaign() throws Exception {
    JsonObject outage = reportOutage();
    assertThat(outage.getString("state")).isEqualTo("active");
    assertThat(outage.getString("source")).isEqualTo("user:sup1");

    var campaigns = await(client.get(port, "127.0.0.1", "/api/notifications/outages/" + outage.getString("id")
        + "/campaigns").putHeader("X-Test-User", "sup1").send()).bodyAsJsonArray();
    assertThat(campaigns).hasSize(1);
    assertThat(campaigns.getJsonObject(0).getString("kind")).isEqualTo("outage_started");
    assertThat(campaigns.getJsonObject(0).getJsonObject("sms").getInteger("pending")).isEqualTo(5);
  }

  @Test
  void estimateUpdatesNotifyOnlyWhenMaterialAndRestorationSaysPowerIsBack() throws Exception {
    String id = reportOutage().getString("id");
    Instant eta = Instant.now().plus(Duration.ofHours(2));
    for (Instant e : List.of(eta, eta.plus(Duration.ofMinutes(10)))) {
      var r = await(client.patch(port, "127.0.0.1", "/api/notifications/outages/" + id).putHeader("X-Test-User", "s")
          .sendJsonObject(new JsonObject().put("estimatedRestoration", e.toString())));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
    var restored = await(client.post(port, "127.0.0.1", "/api/notifications/outages/" + id + "/restore")
        .putHeader("X-Test-User", "s").send());
    assertThat(restored.bodyAsJsonObject().getString("state")).isEqualTo("restored");

    var kinds = await(client.get(port, "127.0.0.1", "/api/notifications/outages/" + id + "/campaigns")
        .putHeader("X-Test-User", "s").send()).bodyAsJsonArray().stream()
        .map(c -> ((JsonObject) c).getString("kind")).toList();
    assertThat(kinds).containsExactly("outage_started", "estimate_changed", "restored");
    var again = await(client.post(port, "127.0.0.1", "/api/notifications/outages/" + id + "/restore")
        .putHeader("X-Test-User", "s").send());
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void anUrgentOutageAlsoCallsTheMobilesAndOnlyAnUnplannedOneCanBeUrgent() throws Exception {
    var r = await(client.post(port, "127.0.0.1", "/api/notifications/outages").putHeader("X-Test-User", "oms")
        .sendJsonObject(new JsonObject().put("kind", "unplanned").put("cause", "lines down").put("urgent", true)
            .put("area", new JsonObject().put("postcodes", new JsonArray().add("0150")))));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getBoolean("urgent")).isTrue();
    String campaign = onlyCampaign(r.bodyAsJsonObject().getString("id"));
    var rows = await(storage.pool().preparedQuery("SELECT (SELECT count(*) FROM notify_sms WHERE campaign_id=$1::uuid) "
        + "AS sms, (SELECT count(*) FROM notify_call WHERE campaign_id=$1::uuid) AS calls").execute(Tuple.of(campaign)));
    assertThat(rows.iterator().next().getLong("sms")).isEqualTo(5);
    assertThat(rows.iterator().next().getLong("calls")).isEqualTo(5);

    var planned = await(client.post(port, "127.0.0.1", "/api/notifications/outages").putHeader("X-Test-User", "s")
        .sendJsonObject(new JsonObject().put("kind", "planned").put("start", "2030-01-01T08:00:00Z")
            .put("end", "2030-01-01T09:00:00Z").put("urgent", true)
            .put("area", new JsonObject().put("feeders", new JsonArray().add("F1")))));
    assertThat(planned.statusCode()).isEqualTo(400);
    assertThat(planned.bodyAsString()).contains("urgent-planned-outage");
  }

  @Test
  void badInputIsRejectedWithAClearError() throws Exception {
    var r = await(client.post(port, "127.0.0.1", "/api/notifications/outages").putHeader("X-Test-User", "s")
        .sendJsonObject(new JsonObject().put("kind", "unplanned").put("area", new JsonObject())));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).contains("empty-area");
    var planned = await(client.post(port, "127.0.0.1", "/api/notifications/outages").putHeader("X-Test-User", "s")
        .sendJsonObject(new JsonObject().put("kind", "planned").put("start", "2030-01-01T10:00:00Z")
            .put("end", "2030-01-01T09:00:00Z").put("area", new JsonObject().put("feeders", new JsonArray().add("F1")))));
    assertThat(planned.statusCode()).isEqualTo(400);
    assertThat(planned.bodyAsString()).contains("bad-outage-window");
  }

  @Test
  void signedStatusCallbackRecordsDeliveryAndABadSignatureChangesNothing() throws Exception {
    String outage = reportOutage().getString("id");
    String campaign = onlyCampaign(outage);
    String phone = customers.get(1).phone();
    await(storage.pool().preparedQuery("UPDATE notify_sms SET state='SENT', provider_sid='SM1' WHERE phone=$1 "
        + "AND campaign_id=$2::uuid").execute(Tuple.of(phone, campaign)));
    String key = await(storage.pool().preparedQuery("SELECT idempotency_key FROM notify_sms WHERE phone=$1 AND "
        + "campaign_id=$2::uuid").execute(Tuple.of(phone, campaign))).iterator().next().getUUID(0).toString();
    String path = "/api/notifications/twilio/status?key=" + key;
    Map<String, String> form = Map.of("MessageSid", "SM1", "MessageStatus", "delivered", "To", phone,
        "AccountSid", "AC1");

    var forged = webhook(path, form, sign(PUBLIC + path, Map.of("MessageSid", "SM1", "MessageStatus", "failed")));
    var unsigned = webhook(path, form, null);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(state(phone, campaign)).isEqualTo("SENT");

    var ok = webhook(path, form, sign(PUBLIC + path, form));
    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(state(phone, campaign)).isEqualTo("DELIVERED");
    var journal = await(storage.pool().preparedQuery("SELECT phone, data FROM journal WHERE type='notify.sms.delivered' "
        + "AND data->>'campaign'=$1").execute(Tuple.of(campaign))).iterator().next();
    assertThat(journal.getString("phone")).isEqualTo(phone);
    assertThat(journal.getJsonObject("data").encode()).doesNotContain(phone.substring(1));
  }

  @Test
  void stopOptsOutAndWithdrawsWaitingMessagesStartOptsBackIn() throws Exception {
    String campaign = onlyCampaign(reportOutage().getString("id"));
    String phone = customers.get(2).phone();
    String national = phone.substring(3);
    Map<String, String> stop = Map.of("From", phone, "Body", " Stop ", "To", "+4790000000", "MessageSid", "SM9");
    String path = "/api/notifications/twilio/inbound";

    assertThat(webhook(path, stop, sign(PUBLIC + path, stop)).statusCode()).isEqualTo(204);
    assertThat(state(phone, campaign)).isEqualTo("OPTED_OUT");
    assertThat(await(new PgOptOuts(storage.pool()).all())).contains(phone);
    var nextOutage = reportOutage();
    assertThat(state(phone, onlyCampaign(nextOutage.getString("id")))).isNull();

    Map<String, String> start = Map.of("From", national, "Body", "START", "To", "+4790000000", "MessageSid", "SM10");
    assertThat(webhook(path, start, sign(PUBLIC + path, start)).statusCode()).isEqualTo(204);
    assertThat(await(new PgOptOuts(storage.pool()).all())).doesNotContain(phone);
  }

  @Test
  void lineOneOperatorsWorkTheLargeCustomerCallList() throws Exception {
    String outage = reportOutage().getString("id");
    var lineTwo = await(client.get(port, "127.0.0.1", "/api/notifications/operator-calls").putHeader("X-Test-User", "op2")
        .putHeader("X-Test-Role", "agent").putHeader("X-Test-Lines", "2").send());
    assertThat(lineTwo.statusCode()).isEqualTo(403);

    var list = await(client.get(port, "127.0.0.1", "/api/notifications/operator-calls").putHeader("X-Test-User", "op1")
        .putHeader("X-Test-Role", "agent").putHeader("X-Test-Lines", "1").send());
    assertThat(list.statusCode()).isEqualTo(200);
    JsonObject entry = list.bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("outageId").equals(outage)).findFirst().orElseThrow();
    assertThat(entry.getString("customerId")).isEqualTo("big-1");
    assertThat(entry.getString("phone")).isEqualTo("+4722999999");

    var done = await(client.post(port, "127.0.0.1", "/api/notifications/campaigns/" + entry.getString("campaignId")
        + "/operator-calls/big-1/done").putHeader("X-Test-User", "op1").putHeader("X-Test-Role", "agent")
        .putHeader("X-Test-Lines", "1").send());
    assertThat(done.statusCode()).isEqualTo(204);
    var pending = await(client.get(port, "127.0.0.1", "/api/notifications/operator-calls?pending=true")
        .putHeader("X-Test-User", "sup").send()).bodyAsJsonArray();
    assertThat(pending.stream().map(JsonObject.class::cast).filter(e -> e.getString("outageId").equals(outage)))
        .isEmpty();
    var journal = await(storage.pool().preparedQuery("SELECT operator_id, line, phone FROM journal WHERE "
        + "type='notify.operator-call.done' AND data->>'campaign'=$1").execute(Tuple.of(entry.getString("campaignId"))))
        .iterator().next();
    assertThat(journal.getString("operator_id")).isEqualTo("op1");
    assertThat(journal.getString("phone")).isEqualTo("+4722999999");
  }

  @Test
  void progressOfLiveCampaignsIsPublishedWhenItChanges(Vertx vertx) throws Exception {
    String campaign = onlyCampaign(reportOutage().getString("id"));
    CampaignProgressFeed feed = new CampaignProgressFeed(vertx, new PgSmsOutbox(storage.pool()));
    List<JsonObject> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    var twoSeen = new java.util.concurrent.CompletableFuture<Void>();
    var consumer = vertx.eventBus().<JsonObject>consumer(CampaignProgressFeed.ADDRESS, m -> {
      if (m.body().getString("id").equals(campaign)) {
        seen.add(m.body());
        if (seen.size() == 2) {
          twoSeen.complete(null);
        }
      }
    });
    await(consumer.completion());
    assertThat(await(feed.publishChanges())).isPositive();
    assertThat(await(feed.publishChanges())).isZero();
    await(storage.pool().preparedQuery("UPDATE notify_sms SET state='SENT' WHERE campaign_id=$1::uuid AND phone=$2")
        .execute(Tuple.of(campaign, customers.get(0).phone())));
    assertThat(await(feed.publishChanges())).isEqualTo(1);
    twoSeen.get(10, java.util.concurrent.TimeUnit.SECONDS);
    await(consumer.unregister());

    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).getJsonObject("sms").getInteger("sent")).isEqualTo(1);
    assertThat(seen.get(1).getInteger("smsDone")).isEqualTo(1);
  }
}
