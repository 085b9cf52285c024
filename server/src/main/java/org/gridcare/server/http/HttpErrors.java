package org.gridcare.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Map;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;
import org.gridcare.platform.domain.Masking;
import org.gridcare.server.auth.RedisLoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one error mapper: every failure becomes {@code {error, message, details}} with a status from its kind. */
public final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  public static int status(ErrorKind kind) {
    switch (kind) {
      case INVALID: return 400;
      case UNAUTHENTICATED: return 401;
      case FORBIDDEN: return 403;
      case NOT_FOUND: return 404;
      case CONFLICT: return 409;
      case UNAVAILABLE: return 503;
      case TIMEOUT: return 504;
      default: return 500;
    }
  }

  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    JsonObject body;
    if (failure instanceof DomainException e) {
      status = "account-locked".equals(e.id()) || RedisLoginThrottle.TOO_MANY.equals(e.id()) ? 429 : status(e.kind());
      if (e.details().get("retryAfterSeconds") instanceof Number seconds) {
        ctx.response().putHeader("Retry-After", String.valueOf(seconds.longValue()));
      }
      body = body(e.id(), e.getMessage(), e.details());
    } else if (failure instanceof io.vertx.ext.web.handler.HttpException e) {
      status = e.getStatusCode();
      body = body(defaultId(status), e.getPayload() != null ? e.getPayload() : defaultMessage(status), Map.of());
    } else if (failure instanceof ValidatorException e) {
      status = 400;
      body = body("invalid-request", e.getMessage(), Map.of());
    } else if (failure instanceof IllegalArgumentException e) {
      status = 400;
      body = body("invalid-request", e.getMessage(), Map.of());
    } else if (failure == null) {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      body = body(defaultId(status), defaultMessage(status), Map.of());
    } else {
      status = ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ctx.statusCode() : 500;
      body = status == 500 ? body("internal-error", "Internal error", Map.of()) : body(defaultId(status), failure.getMessage(), Map.of());
    }
    if (status >= 500) {
      LOG.error("{} {} failed: {}", ctx.request().method(), ctx.normalizedPath(), status, failure);
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  static JsonObject body(String id, String message, Map<String, Object> details) {
    return new JsonObject().put("error", id).put("message", Masking.text(message)).put("details", new JsonObject(details));
  }

  private static String defaultId(int status) {
    switch (status) {
      case 400: return "invalid-request";
      case 401: return "unauthenticated";
      case 403: return "forbidden";
      case 404: return "not-found";
      case 405: return "method-not-allowed";
      case 413: return "request-too-large";
      case 415: return "unsupported-media-type";
      default: return status >= 500 ? "internal-error" : "request-failed";
    }
  }

  private static String defaultMessage(int status) {
    switch (status) {
      case 401: return "Sign in first: send Authorization: Bearer <token>";
      case 403: return "Your role does not allow this";
      case 404: return "No such resource";
      case 405: return "Method not allowed here";
      case 413: return "Request body too large";
      default: return "Request failed";
    }
  }
}
