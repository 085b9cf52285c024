package org.gridcare.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.List;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.gridcare.config.ServerConfig;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.server.auth.Authentication;

/**
 * Builds the HTTP server from the merged contract: body limit, authentication, validation (by the contract), the
 * role check of each operation, the modules' handlers, health, metrics and the document itself; static pages last.
 * An operation in the contract without a handler, or a handler for an operation the contract lacks, fails start-up.
 */
public final class HttpApi {
  /** An escaped NUL (backslash, u, four zeros; not itself escaped) in a JSON text. */
  private static final Pattern JSON_NUL = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u0000", Pattern.CASE_INSENSITIVE);
  private final Vertx vertx;
  private final JsonObject document;
  private final Authentication auth;
  private final PrometheusMeterRegistry registry;
  private final Supplier<Future<JsonObject>> readiness;
  private final List<Consumer<RouterBuilder>> modules;
  private Router built;

  public HttpApi(Vertx vertx, JsonObject document, Authentication auth, PrometheusMeterRegistry registry,
      Supplier<Future<JsonObject>> readiness, List<Consumer<RouterBuilder>> modules) {
    this.vertx = vertx;
    this.document = document;
    this.auth = auth;
    this.registry = registry;
    this.readiness = readiness;
    this.modules = modules;
  }

  public Future<Router> router() {
    return OpenAPIContract.from(vertx, document.copy()).map(contract -> {
      RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      rb.rootHandler(BodyHandler.create().setBodyLimit(2 * 1024 * 1024).setHandleFileUploads(false));
      rb.rootHandler(Access.authenticate(auth, contract));
      rb.rootHandler(HttpApi::refuseNul);
      for (OpenAPIRoute route : rb.getRoutes()) {
        route.setDoSecurity(false); // enforced by Access with x-roles, not by Vert.x auth providers
        route.addHandler(Access.authorise(route.getOperation()));
        route.addFailureHandler(HttpErrors::handle);
      }
      new HttpAuthRoutes(auth).mount(rb);
      on(rb, "healthLive", ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
      on(rb, "healthReady", this::ready);
      on(rb, "metrics", PrometheusScrapingHandler.create(registry));
      on(rb, "openApiDocument", ctx -> json(ctx, 200, document));
      modules.forEach(m -> m.accept(rb));
      for (OpenAPIRoute route : rb.getRoutes()) {
        if (route.getHandlers().size() < 2) {
          throw new IllegalStateException("operation " + route.getOperation().getOperationId() + " has no handler");
        }
      }
      Router router = rb.createRouter();
      router.route("/*").handler(StaticHandler.create("web").setCachingEnabled(false).setIndexPage("index.html"));
      router.route().last().handler(ctx -> ctx.fail(new HttpException(404)));
      router.route().failureHandler(HttpErrors::handle);
      return router;
    });
  }

  public Future<HttpServer> listen(ServerConfig config) {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setCompressionSupported(true);
    if (config.tls() != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(config.tls().certFile()).setKeyPath(config.tls().keyFile()));
    }
    return router().compose(r -> {
      built = r;
      return vertx.createHttpServer(options).requestHandler(r).listen();
    });
  }

  /**
   * Refuses NUL characters anywhere in the request (PostgreSQL text cannot hold one; file names must not) with a 400,
   * after authentication so an anonymous caller still gets 401.
   */
  private static void refuseNul(RoutingContext ctx) {
    String uri = ctx.request().uri();
    boolean nul = uri.indexOf('\0') >= 0 || uri.contains("%00");
    if (!nul && ctx.body().buffer() != null) {
      String body = ctx.body().asString();
      nul = body.indexOf('\0') >= 0 || JSON_NUL.matcher(body).find();
    }
    if (nul) {
      ctx.fail(DomainException.invalid("nul-character", "The request contains a NUL character"));
    } else {
      ctx.next();
    }
  }

  /** The router serving requests, once {@link #listen} succeeded. */
  public Router builtRouter() {
    return built;
  }

  /** Adds a module handler to an operation of the contract; unknown operation ids fail fast. */
  public static void on(RouterBuilder rb, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in the OpenAPI contract");
    }
    route.addHandler(handler);
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body instanceof JsonObject j ? j.encode() : io.vertx.core.json.Json.encode(body));
  }

  private void ready(RoutingContext ctx) {
    readiness.get().onComplete(r -> {
      JsonObject health = r.succeeded() ? r.result()
          : new JsonObject().put("status", "down").put("parts", new JsonObject().put("server", r.cause().getMessage()));
      json(ctx, "up".equals(health.getString("status")) ? 200 : 503, health);
    });
  }
}
