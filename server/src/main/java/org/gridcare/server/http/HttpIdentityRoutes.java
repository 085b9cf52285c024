package org.gridcare.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Consumer;
import org.gridcare.crm.CrmModule;
import org.gridcare.platform.domain.DomainException;

/**
 * Reveals a customer's full national ID / organisation number ({@code openapi/identity.yaml}): only for the roles the
 * fragment declares, only with a reason, and only after the access audit has recorded who, whose and why
 * ({@link CrmModule#revealIdentity}).
 */
public final class HttpIdentityRoutes implements Consumer<RouterBuilder> {
  public static final String FRAGMENT = "openapi/identity.yaml";
  private final CrmModule crm;

  public HttpIdentityRoutes(CrmModule crm) {
    this.crm = crm;
  }

  @Override
  public void accept(RouterBuilder rb) {
    HttpApi.on(rb, "revealCustomerIdentity", ctx -> {
      long customerId = Long.parseLong(ctx.pathParam("customerId"));
      String reason = ctx.body().asJsonObject().getString("reason").strip();
      String actor = ctx.user().principal().getString("username");
      crm.revealIdentity(customerId, actor, reason)
          .map(found -> found.orElseThrow(() -> DomainException.notFound("no-such-customer", "No customer "
              + customerId + " with a stored identity")))
          .onSuccess(identity -> HttpApi.json(ctx, 200, new JsonObject().put("customerId", customerId)
              .put("kind", identity.kind().id()).put("identity", identity.value())))
          .onFailure(ctx::fail);
    });
  }
}
