package org.gridcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The foundation through real HTTP, real PostgreSQL and real Redis: health, metrics, auth and roles, errors. */
@RealServers
class ServerFoundationTest {
  static TestCentre centre;
  static WebClient http;

  @BeforeAll
  static void start(StorageSettings storage) throws Exception {
    centre = TestCentre.start(storage);
    http = WebClient.create(centre.cc().vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(centre.cc().httpPort()));
    await(centre.cc().authentication().addUser("test", new Identity("ann", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
    await(centre.cc().authentication().addUser("test", new Identity("boss", Set.of(Role.ADMIN), List.of(1, 2, 3)), "admin-password-1"));
  }

  @AfterAll
  static void stop() throws Exception {
    centre.close();
  }

  @Test
  void livenessNeedsNoToken() throws Exception {
    HttpResponse<Buffer> r = await(http.get("/health/live").send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("up");
  }

  @Test
  void readinessReportsEachPart() throws Exception {
    HttpResponse<Buffer> r = await(http.get("/health/ready").send());
    JsonObject parts = r.bodyAsJsonObject().getJsonObject("parts");
    assertThat(parts.getJsonObject("postgres").getString("status")).isEqualTo("up");
    assertThat(parts.getJsonObject("redis").getString("status")).isEqualTo("up");
    assertThat(parts.getJsonObject("pbx").getString("status")).as(parts.encode()).isEqualTo("up");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void metricsArePrometheusTextWithJvmAndHttpMeters() throws Exception {
    await(http.get("/health/live").send());
    HttpResponse<Buffer> r = await(http.get("/metrics").send());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).contains("jvm_memory_used_bytes").contains("vertx_http_server_requests_total");
  }

  @Test
  void apiWithoutTokenIs401WithAReason() throws Exception {
    HttpResponse<Buffer> r = await(http.get("/api/auth/me").send());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unauthenticated");
    HttpResponse<Buffer> forged = await(http.get("/api/auth/me").bearerTokenAuthentication("forged").send());
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void loginGivesATokenThatIdentifiesTheUser() throws Exception {
    String token = login("ann", "agent-password-1");
    HttpResponse<Buffer> me = await(http.get("/api/auth/me").bearerTokenAuthentication(token).send());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("username")).isEqualTo("ann");
    assertThat(me.bodyAsJsonObject().getJsonArray("roles").getList()).containsExactly("agent");
  }

  @Test
  void wrongRoleIs403AndRightRoleIs200() throws Exception {
    assertThat(await(http.get("/api/users").bearerTokenAuthentication(login("ann", "agent-password-1")).send())
        .statusCode()).isEqualTo(403);
    HttpResponse<Buffer> admin = await(http.get("/api/users").bearerTokenAuthentication(login("boss", "admin-password-1")).send());
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("username")).toList())
        .contains("ann", "boss");
  }

  @Test
  void invalidBodyIs400WithTheReason() throws Exception {
    HttpResponse<Buffer> r = await(http.post("/api/users").bearerTokenAuthentication(login("boss", "admin-password-1"))
        .sendJsonObject(new JsonObject().put("username", "x").put("password", "short").put("roles", List.of("king"))));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("invalid-request");
    assertThat(r.bodyAsJsonObject().getString("message")).isNotBlank();
  }

  @Test
  void disabledUserLosesSessionsAndCannotLogIn() throws Exception {
    String admin = login("boss", "admin-password-1");
    assertThat(await(http.post("/api/users").bearerTokenAuthentication(admin).sendJsonObject(new JsonObject()
        .put("username", "temp").put("password", "temp-password-1").put("roles", List.of("agent")))).statusCode())
        .isEqualTo(201);
    String token = login("temp", "temp-password-1");
    assertThat(await(http.post("/api/users/temp/disable").bearerTokenAuthentication(admin).send()).statusCode()).isEqualTo(204);
    var audited = await(centre.cc().storage().pool().query(
        "SELECT actor, action FROM audit WHERE subject_id = 'temp' ORDER BY id").execute());
    assertThat(audited).extracting(r -> r.getString("actor") + " " + r.getString("action"))
        .containsExactly("boss user.added", "boss user.disabled");
    assertThat(await(http.get("/api/auth/me").bearerTokenAuthentication(token).send()).statusCode()).isEqualTo(401);
    assertThat(await(http.post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("username", "temp").put("password", "temp-password-1"))).statusCode()).isEqualTo(401);
  }

  @Test
  void repeatedFailuresLockTheAccount() throws Exception {
    await(centre.cc().authentication().addUser("test", new Identity("victim", Set.of(Role.AGENT), List.of(1)), "victim-password-1"));
    for (int i = 0; i < 5; i++) {
      assertThat(await(http.post("/api/auth/login").sendJsonObject(new JsonObject()
          .put("username", "victim").put("password", "guess-" + i))).statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> locked = await(http.post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("username", "victim").put("password", "victim-password-1")));
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.bodyAsJsonObject().getString("error")).isEqualTo("account-locked");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws Exception {
    JsonObject document = await(http.get("/api/openapi.json").send()).bodyAsJsonObject();
    java.util.Set<String> documented = new java.util.HashSet<>();
    java.util.Set<String> methods = java.util.Set.of("get", "put", "post", "delete", "patch", "head", "options");
    document.getJsonObject("paths").forEach(p -> ((JsonObject) p.getValue()).fieldNames().stream()
        .filter(methods::contains)
        .forEach(method -> documented.add(method.toUpperCase() + " " + p.getKey().replaceAll("\\{([^}]+)}", ":$1"))));
    java.util.Set<String> routed = new java.util.HashSet<>();
    for (var route : centre.cc().router().getRoutes()) {
      if (route.getPath() != null && route.methods() != null && !route.methods().isEmpty()) {
        route.methods().forEach(m -> routed.add(m.name() + " " + route.getPath()));
      }
    }
    assertThat(routed).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void unknownPathIs404Json() throws Exception {
    HttpResponse<Buffer> r = await(http.get("/api/nothing-here").send());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  private String login(String user, String password) throws Exception {
    HttpResponse<Buffer> r = await(http.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", user).put("password", password)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("token");
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
