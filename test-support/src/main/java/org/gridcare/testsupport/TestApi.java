package org.gridcare.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.impl.UserContextInternal;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gridcare.platform.domain.DomainException;

/**
 * A stand-in for the server's HTTP edge in module tests: the fragment wrapped into a document, contract
 * validation, a user taken from {@code X-Test-User: name;role,role;line,line}, the x-roles check and the
 * {@code {error, message}} mapping (the real ones live in the server module).
 */
public final class TestApi {
  private TestApi() {}

  @SuppressWarnings("unchecked")
  public static Future<HttpServer> start(Vertx vertx, String fragment, Consumer<RouterBuilder> routes) throws Exception {
    JsonObject frag;
    try (InputStream in = TestApi.class.getClassLoader().getResourceAsStream(fragment)) {
      frag = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(in, Map.class));
    }
    JsonObject schemas = frag.getJsonObject("components").getJsonObject("schemas").copy()
        .put("Error", new JsonObject().put("type", "object"));
    JsonObject doc = new JsonObject().put("openapi", "3.1.0").put("info", new JsonObject().put("title", "t").put("version", "1"))
        .put("paths", frag.getJsonObject("paths")).put("components", new JsonObject().put("schemas", schemas));
    return OpenAPIContract.from(vertx, doc).compose(contract -> {
      RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      rb.rootHandler(BodyHandler.create());
      rb.rootHandler(TestApi::authenticate);
      for (OpenAPIRoute route : rb.getRoutes()) {
        route.setDoSecurity(false);
        Object declared = route.getOperation().getExtensions().get("x-roles");
        List<?> roles = declared instanceof JsonArray a ? a.getList() : (List<?>) declared;
        if (roles == null || roles.isEmpty()) {
          throw new IllegalStateException(route.getOperation().getOperationId() + " has no x-roles");
        }
        route.addHandler(ctx -> {
          JsonArray mine = ctx.user().principal().getJsonArray("roles");
          if (roles.stream().anyMatch(mine::contains)) {
            ctx.next();
          } else {
            ctx.fail(new HttpException(403));
          }
        });
        route.addFailureHandler(TestApi::error);
      }
      routes.accept(rb);
      for (OpenAPIRoute route : rb.getRoutes()) {
        if (route.getHandlers().size() < 2) {
          throw new IllegalStateException("operation " + route.getOperation().getOperationId() + " has no handler");
        }
      }
      Router router = rb.createRouter();
      router.route().failureHandler(TestApi::error);
      return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
    });
  }

  private static void authenticate(RoutingContext ctx) {
    String h = ctx.request().getHeader("X-Test-User");
    if (h == null) {
      ctx.fail(new HttpException(401));
      return;
    }
    String[] parts = h.split(";");
    JsonArray lines = new JsonArray();
    if (parts.length > 2 && !parts[2].isEmpty()) {
      for (String l : parts[2].split(",")) {
        lines.add(Integer.parseInt(l));
      }
    }
    JsonObject principal = new JsonObject().put("username", parts[0])
        .put("roles", new JsonArray(List.of((Object[]) parts[1].split(",")))).put("lines", lines);
    ((UserContextInternal) ctx.userContext()).setUser(User.create(principal));
    ctx.next();
  }

  private static void error(RoutingContext ctx) {
    Throwable f = ctx.failure();
    int status;
    String id;
    if (f instanceof DomainException e) {
      id = e.id();
      switch (e.kind()) {
        case INVALID: status = 400; break;
        case FORBIDDEN: status = 403; break;
        case NOT_FOUND: status = 404; break;
        case CONFLICT: status = 409; break;
        case UNAVAILABLE: status = 503; break;
        default: status = 500;
      }
    } else if (f instanceof ValidatorException || f instanceof IllegalArgumentException) {
      status = 400;
      id = "invalid-request";
    } else if (f instanceof HttpException e) {
      status = e.getStatusCode();
      id = "http-" + status;
    } else {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      id = "internal-error";
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", id).put("message", f == null ? "" : String.valueOf(f.getMessage())).encode());
  }
}
