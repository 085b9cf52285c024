package org.gridcare.acd.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.app.AcdHarness;
import org.gridcare.acd.app.QueueRequest;
import org.gridcare.config.ConfigLoader;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ACD operations through the contract of {@code openapi/acd.yaml}: validation by Vert.x, the handlers' own role
 * checks, errors by id. Sign-in is simulated with a header carrying the principal the server would set.
 */
@RealServers
class HttpAcdRoutesTest extends AcdHarness {
  private static final JsonObject AGENT = new JsonObject().put("username", "op1001").put("roles", new JsonArray().add("agent"))
      .put("lines", new JsonArray().add(1));
  private static final JsonObject SUPERVISOR = new JsonObject().put("username", "sup1")
      .put("roles", new JsonArray().add("supervisor")).put("lines", new JsonArray().add(1).add(2).add(3));

  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void listen(Vertx vertx) throws Exception {
    JsonObject doc = new JsonObject().put("openapi", "3.1.0").put("info", new JsonObject().put("title", "t").put("version", "1"))
        .put("paths", new JsonObject()).put("components", new JsonObject().put("schemas", new JsonObject()
            .put("Error", new JsonObject().put("type", "object"))));
    JsonObject fragment;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/acd.yaml")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = ConfigLoader.yamlMapper().readValue(in, Map.class);
      fragment = new JsonObject(map);
    }
    doc.put("paths", fragment.getJsonObject("paths"));
    fragment.getJsonObject("components").getJsonObject("schemas").forEach(e ->
        doc.getJsonObject("components").getJsonObject("schemas").put(e.getKey(), e.getValue()));
    OpenAPIContract contract = OpenAPIContract.from(vertx, doc).await(10, TimeUnit.SECONDS);
    RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    rb.rootHandler(BodyHandler.create());
    rb.rootHandler(ctx -> {
      String user = ctx.request().getHeader("X-Test-User");
      ((io.vertx.ext.web.impl.UserContextInternal) ctx.userContext()).setUser(io.vertx.ext.auth.User.create(new JsonObject(user)));
      ctx.next();
    });
    rb.getRoutes().forEach(r -> {
      r.setDoSecurity(false);
      r.addFailureHandler(ctx -> {
        Throwable f = ctx.failure();
        int status = f instanceof DomainException d ? switch (d.kind()) {
          case INVALID -> 400;
          case FORBIDDEN -> 403;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          default -> 500;
        } : ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String id = f instanceof DomainException d ? d.id() : "invalid-request";
        ctx.response().setStatusCode(status).end(new JsonObject().put("error", id).encode());
      });
    });
    new HttpAcdRoutes(acd).accept(rb);
    server = vertx.createHttpServer().requestHandler(rb.createRouter()).listen(0).await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    server.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<io.vertx.core.buffer.Buffer> call(HttpMethod method, String path, JsonObject user, JsonObject body)
      throws Exception {
    var request = client.request(method, server.actualPort(), "127.0.0.1", path).putHeader("X-Test-User", user.encode());
    Future<HttpResponse<io.vertx.core.buffer.Buffer>> f = body == null ? request.send() : request.sendJsonObject(body);
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void anAgentLogsInAndGoesReadyAndNotReadyThemself() throws Exception {
    var login = call(HttpMethod.POST, "/api/acd/operators/op1001/login", AGENT, null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.bodyAsJsonObject().getString("state")).isEqualTo("not-ready");
    assertThat(login.bodyAsJsonObject().getString("endpoint")).isEqualTo("PJSIP/op1001");

    var ready = call(HttpMethod.POST, "/api/acd/operators/op1001/ready", AGENT, null);
    assertThat(ready.bodyAsJsonObject().getString("state")).isEqualTo("ready");

    var brk = call(HttpMethod.POST, "/api/acd/operators/op1001/not-ready", AGENT, new JsonObject().put("reason", "break"));
    assertThat(brk.bodyAsJsonObject().getString("state")).isEqualTo("not-ready");
    assertThat(brk.bodyAsJsonObject().getString("reason")).isEqualTo("break");
  }

  @Test
  void anAgentCannotChangeAnotherOperatorButASupervisorCan() throws Exception {
    assertThat(call(HttpMethod.POST, "/api/acd/operators/op1002/login", AGENT, null).bodyAsJsonObject().getString("error"))
        .isEqualTo("not-your-operator");
    var bySupervisor = call(HttpMethod.POST, "/api/acd/operators/op1002/login", SUPERVISOR,
        new JsonObject().put("endpoint", "PJSIP/desk7"));
    assertThat(bySupervisor.statusCode()).isEqualTo(200);
    assertThat(bySupervisor.bodyAsJsonObject().getString("endpoint")).isEqualTo("PJSIP/desk7");
  }

  @Test
  void badInputIsRefusedByTheContractOrWithAStableId() throws Exception {
    assertThat(call(HttpMethod.POST, "/api/acd/operators/op1001/not-ready", AGENT, new JsonObject().put("reason", "nap"))
        .statusCode()).isEqualTo(400);
    assertThat(call(HttpMethod.POST, "/api/acd/operators/op1001/ready", AGENT, null).bodyAsJsonObject().getString("error"))
        .isEqualTo("operator-logged-out");
    assertThat(call(HttpMethod.GET, "/api/acd/operators/nobody", AGENT, null).statusCode()).isEqualTo(404);
    assertThat(call(HttpMethod.POST, "/api/acd/calls/x/priority", SUPERVISOR, new JsonObject().put("priority", -1))
        .statusCode()).isEqualTo(400);
  }

  @Test
  void queuesShowWaitingCallsAndAgentsSeeOnlyTheirLines() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    JsonArray all = call(HttpMethod.GET, "/api/acd/queues", SUPERVISOR, null).bodyAsJsonArray();
    assertThat(all).hasSize(3);
    JsonObject line2 = all.getJsonObject(1);
    assertThat(line2.getInteger("waiting")).isEqualTo(1);
    assertThat(line2.getJsonArray("calls").getJsonObject(0).getString("callId")).isEqualTo("m1");
    assertThat(line2.getJsonArray("calls").getJsonObject(0).containsKey("estimatedWaitSeconds"))
        .as("nobody staffs line 2: no estimate").isFalse();

    JsonArray mine = call(HttpMethod.GET, "/api/acd/queues", AGENT, null).bodyAsJsonArray();
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getInteger("line")).isEqualTo(1);
  }

  @Test
  void aSupervisorReprioritisesAndSwitchesEmergencyMode() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    var moved = call(HttpMethod.POST, "/api/acd/calls/m1/priority", SUPERVISOR, new JsonObject().put("priority", 40));
    assertThat(moved.bodyAsJsonObject().getInteger("priority")).isEqualTo(40);

    var on = call(HttpMethod.PUT, "/api/acd/emergency", SUPERVISOR, new JsonObject().put("on", true));
    assertThat(on.bodyAsJsonObject().getBoolean("on")).isTrue();
    assertThat(call(HttpMethod.GET, "/api/acd/emergency", AGENT, null).bodyAsJsonObject().getBoolean("on")).isTrue();
  }

  @Test
  void anAgentEscalatesOnlyTheCallTheyAreOn() throws Exception {
    ready("op1001");
    connect("call-1", "caller-1");
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    JsonObject toLine3 = new JsonObject().put("topic", "escalation").put("ticketId", "T-9");
    assertThat(call(HttpMethod.POST, "/api/acd/calls/m1/transfer", AGENT, toLine3).bodyAsJsonObject().getString("error"))
        .isEqualTo("not-your-call");
    var escalated = call(HttpMethod.POST, "/api/acd/calls/call-1/transfer", AGENT, toLine3);
    assertThat(escalated.statusCode()).isEqualTo(200);
    assertThat(escalated.bodyAsJsonObject().getInteger("line")).isEqualTo(3);
    assertThat(escalated.bodyAsJsonObject().getString("ticketId")).isEqualTo("T-9");
  }

  @Test
  void theStreamCarriesStateChangesAndOnlyTheUsersOwnScreenPops(Vertx vertx) throws Exception {
    java.util.concurrent.LinkedBlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
    var http = vertx.createHttpClient();
    StringBuilder buffer = new StringBuilder();
    // the handler is set as the response arrives, on its event loop, so no chunk is missed
    var response = http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/api/acd/stream")
        .compose(req -> req.putHeader("X-Test-User", AGENT.encode()).send())
        .map(resp -> resp.handler(chunk -> {
          buffer.append(chunk.toString());
          int end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            received.add(buffer.substring(0, end));
            buffer.delete(0, end + 2);
          }
        }))
        .await(10, TimeUnit.SECONDS);
    assertThat(response.getHeader("content-type")).isEqualTo("text/event-stream");
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");

    vertx.eventBus().publish(org.gridcare.acd.app.AcdEvents.SCREEN_POP, new JsonObject().put("operatorId", "op1002").put("callId", "x"));
    vertx.eventBus().publish(org.gridcare.acd.app.AcdEvents.SCREEN_POP, new JsonObject().put("operatorId", "op1001").put("callId", "mine"));
    assertThat(received.poll(10, TimeUnit.SECONDS)).startsWith("event: screen-pop\ndata: ").contains("\"mine\"");

    await(acd.login("op1001", null));
    String change = received.poll(10, TimeUnit.SECONDS);
    assertThat(change).startsWith("event: operator-state\n").contains("\"to\":\"not-ready\"");
    http.close();
  }
}
