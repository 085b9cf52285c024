package org.gridcare.ivr.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.ivr.app.Catalogues;
import org.gridcare.ivr.app.LiveMenu;
import org.gridcare.ivr.yaml.YamlMenus;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI fragment as a real contract (with a minimal base) and the routes behind it. */
@ExtendWith(VertxExtension.class)
class HttpIvrRoutesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  Path menuFile;
  LiveMenu menu;
  final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  final Audit audited = new Audit() {
    @Override
    public Future<Void> record(AuditEntry entry) {
      audit.add(entry);
      return Future.succeededFuture();
    }

    @Override
    public Future<Verification> verify() {
      return Future.failedFuture("not used");
    }

    @Override
    public Future<Purge> purgeBefore(java.time.Instant cutoff) {
      return Future.failedFuture("not used");
    }
  };
  HttpServer server;
  HttpClient client;

  static JsonNode fragment() throws Exception {
    try (InputStream in = HttpIvrRoutesTest.class.getResourceAsStream("/openapi/ivr.yaml")) {
      return new YAMLMapper().readTree(in);
    }
  }

  @BeforeEach
  void serve(Vertx vertx, @TempDir Path dir) throws Exception {
    ContactCentreConfig config = ConfigLoader.load(Path.of("../config/contact-centre.yaml"), java.util.Map.of());
    menuFile = dir.resolve("ivr.yaml");
    Files.copy(Path.of("../config/ivr.yaml"), menuFile);
    YamlMenus yaml = new YamlMenus();
    menu = new LiveMenu(vertx, () -> yaml.load(menuFile, Catalogues.of(config)), m -> Future.succeededFuture());
    menu.reload().await(10, TimeUnit.SECONDS);

    JsonObject doc = new JsonObject(JSON.writeValueAsString(fragment()))
        .put("openapi", "3.1.0").put("info", new JsonObject().put("title", "test").put("version", "1"));
    doc.getJsonObject("components").getJsonObject("schemas").put("Error", new JsonObject()
        .put("type", "object").put("properties", new JsonObject().put("error", new JsonObject().put("type", "string"))));
    RouterBuilder rb = RouterBuilder.create(vertx, OpenAPIContract.from(vertx, doc).await(10, TimeUnit.SECONDS));
    // A stand-in for the server's authentication: the signed-in administrator.
    rb.rootHandler(ctx -> {
      ((io.vertx.ext.web.impl.UserContextInternal) ctx.userContext())
          .setUser(io.vertx.ext.auth.User.create(new JsonObject().put("username", "admin1")));
      ctx.next();
    });
    new HttpIvrRoutes(menu, menuFile.toString(), audited).accept(rb);
    Router router = rb.createRouter();
    // A stand-in for the server's error mapper.
    router.route().failureHandler(ctx -> {
      DomainException e = (DomainException) ctx.failure();
      ctx.response().setStatusCode(400).end(new JsonObject().put("error", e.id()).put("details", new JsonObject(e.details())).encode());
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }

  record Reply(int status, JsonObject body) {}

  Reply call(HttpMethod method, String path) throws Exception {
    return client.request(method, server.actualPort(), "127.0.0.1", path)
        .compose(req -> req.send())
        .compose(res -> res.body().map(b -> new Reply(res.statusCode(), b.toJsonObject())))
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyOperationDeclaresItsRoles() throws Exception {
    fragment().get("paths").forEach(path -> path.forEach(op -> {
      assertThat(op.get("operationId")).isNotNull();
      assertThat(op.get("x-roles")).as("x-roles of %s", op.get("operationId")).isNotNull();
    }));
  }

  @Test
  void reloadOfAGoodFileAnswersWithTheMenu() throws Exception {
    Reply reply = call(HttpMethod.POST, "/api/ivr/menu/reload");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().getString("start")).isEqualTo("choose-language");
    assertThat(reply.body().getJsonArray("languages")).containsExactlyInAnyOrder("en", "ru");
    assertThat(call(HttpMethod.GET, "/api/ivr/menu").body().getInteger("nodes")).isGreaterThan(40);
    assertThat(audit).singleElement().satisfies(a -> {
      assertThat(a.actor()).isEqualTo("admin1");
      assertThat(a.action()).isEqualTo("ivr.menu.reloaded");
      assertThat(a.subjectId()).isEqualTo(menuFile.toString());
    });
  }

  @Test
  void reloadOfABadFileNamesEveryProblemAndKeepsTheMenu() throws Exception {
    Files.writeString(menuFile, Files.readString(menuFile).replace("options: {1: en, 2: ru}\n    timeout: 3s",
        "options: {1: en, 2: de}\n    timeout: 3s"));

    Reply reply = call(HttpMethod.POST, "/api/ivr/menu/reload");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().getString("error")).isEqualTo("invalid-ivr-menu");
    JsonObject problem = reply.body().getJsonObject("details").getJsonArray("problems").getJsonObject(0);
    assertThat(problem.getString("key")).isEqualTo("nodes.choose-language.options.2");
    assertThat(problem.getString("problem")).contains("unknown language \"de\"");
    assertThat(menu.get().nodes()).containsKey("choose-language");
    assertThat(audit).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo("ivr.menu.rejected");
      assertThat(a.details()).containsEntry("problems", 1);
    });
  }
}
