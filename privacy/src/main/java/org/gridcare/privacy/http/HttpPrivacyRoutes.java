package org.gridcare.privacy.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Consumer;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.privacy.app.DataSubjectRights;
import org.gridcare.privacy.domain.ErasureReport;

/**
 * Handlers of {@code openapi/privacy.yaml}. The contract admits administrators only ({@code x-roles: [admin]}) and
 * checks every parameter; the acting user's name goes into the audit entry of each call.
 */
public final class HttpPrivacyRoutes implements Consumer<RouterBuilder> {
  private final Vertx vertx;
  private final DataSubjectRights rights;
  private final PhoneNumbers phones;

  public HttpPrivacyRoutes(Vertx vertx, DataSubjectRights rights, PhoneNumbers phones) {
    this.vertx = vertx;
    this.rights = rights;
    this.phones = phones;
  }

  @Override
  public void accept(RouterBuilder rb) {
    on(rb, "exportCustomerData", ctx -> {
      long id = customerId(ctx);
      rights.export(actor(ctx), id, ctx.queryParams().get("reason"))
          .onSuccess(zip -> ctx.response().putHeader("Content-Type", "application/zip")
              .putHeader("Content-Disposition", "attachment; filename=\"customer-" + id + ".zip\"")
              .sendFile(zip.toString())
              .onComplete(x -> vertx.fileSystem().delete(zip.toString())))
          .onFailure(ctx::fail);
    });
    on(rb, "eraseCustomer", ctx -> {
      JsonObject b = ctx.body().asJsonObject();
      rights.erase(actor(ctx), customerId(ctx), b.getString("reason"), b.getBoolean("dryRun", false))
          .onSuccess(r -> ctx.response().putHeader("Content-Type", "application/json").end(json(r).encode()))
          .onFailure(ctx::fail);
    });
    on(rb, "holdCustomer", ctx -> noContent(ctx, rights.hold(actor(ctx), customerId(ctx),
        ctx.body().asJsonObject().getString("reason"))));
    on(rb, "releaseCustomer", ctx -> noContent(ctx, rights.release(actor(ctx), customerId(ctx),
        ctx.queryParams().get("reason"))));
    on(rb, "recordSmsObjection", ctx -> {
      JsonObject b = ctx.body().asJsonObject();
      noContent(ctx, Future.succeededFuture(b.getString("phone"))
          .map(raw -> phones.normalise(raw).orElseThrow(() -> DomainException.invalid("invalid-phone",
              "Not a phone number: give it in national or international form")))
          .compose(e164 -> rights.objectToSms(actor(ctx), e164, b.getString("reason"))));
    });
  }

  static JsonObject json(ErasureReport r) {
    JsonArray erased = new JsonArray();
    r.erased().forEach(e -> erased.add(new JsonObject().put("category", e.category().id()).put("count", e.count())
        .put("how", e.how())));
    JsonArray kept = new JsonArray();
    r.kept().forEach(k -> kept.add(new JsonObject().put("category", k.category().id()).put("count", k.count())
        .put("why", k.why())));
    return new JsonObject().put("customerId", r.customerId()).put("dryRun", r.dryRun()).put("erased", erased)
        .put("kept", kept);
  }

  private static long customerId(RoutingContext ctx) {
    return Long.parseLong(ctx.pathParam("customerId"));
  }

  private static String actor(RoutingContext ctx) {
    return ctx.user().principal().getString("username");
  }

  private static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static void on(RouterBuilder rb, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in the OpenAPI contract");
    }
    route.addHandler(handler);
  }
}
