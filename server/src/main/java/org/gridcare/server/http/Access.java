package org.gridcare.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.List;
import org.gridcare.server.auth.Authentication;
import org.gridcare.server.auth.Identity;

/**
 * Authentication (a root handler: bearer token → user on the context, 401 without one for non-public operations)
 * and authorisation (the user needs one of the operation's {@code x-roles}, else 403). The role check runs in the
 * root handler too, before the contract's validation, so a caller without the role learns nothing from 400s; the
 * per-operation handler repeats it and refuses to build a route that declares neither {@code x-roles} nor
 * {@code x-public}. Only the Authorization header (or {@code access_token} on a GET of an SSE stream or of a recording's
 * audio) authenticates:
 * cookies never do, so there is no cross-site request forgery to defend against.
 */
final class Access {
  static final String TOKEN = "gridcare.token";
  /** The recordings' playback operation ({@code playRecording}), which the page's audio player streams with Range. */
  private static final java.util.regex.Pattern RECORDING_AUDIO = java.util.regex.Pattern.compile(
      "/api/recordings/[0-9a-fA-F-]{36}/audio");

  private Access() {}

  static Handler<RoutingContext> authenticate(Authentication auth, OpenAPIContract contract) {
    return ctx -> {
      Operation op = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
      boolean isPublic = op == null || isPublic(op);
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
          if (isPublic || allowed(roles(op), ctx.user().principal())) {
            ctx.next();
          } else {
            ctx.fail(new HttpException(403));
          }
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
    List<?> roles = roles(op);
    boolean isPublic = isPublic(op);
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
      if (allowed(roles, ctx.user().principal())) {
        ctx.next();
      } else {
        ctx.fail(new HttpException(403));
      }
    };
  }

  private static boolean isPublic(Operation op) {
    return Boolean.TRUE.equals(op.getExtensions().get("x-public"));
  }

  private static List<?> roles(Operation op) {
    Object declared = op.getExtensions().get("x-roles");
    return declared instanceof JsonArray a ? a.getList() : declared instanceof List<?> l ? l : List.of();
  }

  private static boolean allowed(List<?> roles, JsonObject principal) {
    JsonArray mine = principal.getJsonArray("roles", new JsonArray());
    return mine.contains("admin") || roles.stream().anyMatch(mine::contains); // admins may do everything
  }

  static String bearer(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).strip();
    }
    // EventSource and <audio src> cannot send headers: SSE streams and a recording's audio (reads only; the audio
    // route still audits every listen and asks for a reason as configured) accept the token as a query parameter.
    if (ctx.request().method() == HttpMethod.GET && (ctx.request().path().endsWith("/stream")
        || RECORDING_AUDIO.matcher(ctx.normalizedPath()).matches())) {
      return ctx.request().getParam("access_token");
    }
    return null;
  }
}
