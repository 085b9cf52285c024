package org.gridcare.server.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.contract.Operation;
import java.util.List;
import org.gridcare.server.auth.Authentication;
import org.gridcare.server.auth.Identity;

/**
 * Authentication (a root handler: bearer token → user on the context, 401 without one for non-public operations)
 * and authorisation (per operation: the user needs one of the operation's {@code x-roles}, else 403).
 */
final class Access {
  static final String TOKEN = "gridcare.token";

  private Access() {}

  static Handler<RoutingContext> authenticate(Authentication auth, io.vertx.openapi.contract.OpenAPIContract contract) {
    return ctx -> {
      Operation op = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
      boolean isPublic = op == null || Boolean.TRUE.equals(op.getExtensions().get("x-public"));
      String token = bearer(ctx);
      if (token == null) {
        if (isPublic) {
          ctx.next();
        } else {
          ctx.fail(new HttpException(401));
        }
        return;
      }
      auth.identify(token).onComplete(found -> {
        if (found.succeeded() && found.result().isPresent()) {
          Identity id = found.result().get();
          // Vert.x 5's own authentication handlers set the user this way; there is no public setter.
          ((io.vertx.ext.web.impl.UserContextInternal) ctx.userContext()).setUser(io.vertx.ext.auth.User.create(id.toJson()));
          ctx.put(TOKEN, token);
          ctx.next();
        } else if (found.failed()) {
          ctx.fail(found.cause());
        } else if (isPublic) {
          ctx.next();
        } else {
          ctx.fail(new HttpException(401));
        }
      });
    };
  }

  /** The role check for one operation, from its {@code x-roles}; public operations need none. */
  static Handler<RoutingContext> authorise(Operation op) {
    Object declared = op.getExtensions().get("x-roles");
    List<?> roles = declared instanceof JsonArray a ? a.getList() : declared instanceof List<?> l ? l : List.of();
    boolean isPublic = Boolean.TRUE.equals(op.getExtensions().get("x-public"));
    if (!isPublic && roles.isEmpty()) {
      throw new IllegalStateException("operation " + op.getOperationId() + " declares neither x-roles nor x-public");
    }
    return ctx -> {
      if (isPublic) {
        ctx.next();
        return;
      }
      if (ctx.user() == null) {
        ctx.fail(new HttpException(401));
        return;
      }
      JsonArray mine = ctx.user().principal().getJsonArray("roles", new JsonArray());
      if (mine.contains("admin") || roles.stream().anyMatch(mine::contains)) { // admins may do everything
        ctx.next();
      } else {
        ctx.fail(new HttpException(403));
      }
    };
  }

  static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).strip();
    }
    // EventSource cannot send headers: SSE streams accept the token as a query parameter.
    if (ctx.request().path().endsWith("/stream")) {
      return ctx.request().getParam("access_token");
    }
    return null;
  }
}
