package org.gridcare.notifications.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Consumer;
import org.gridcare.notifications.app.ApplicationNoticeStore;
import org.gridcare.notifications.app.NoticeStatus;

/** {@code listApplicationNotices}: whether and how a customer was told of each stage of their application. */
public final class HttpApplicationNoticeRoutes implements Consumer<RouterBuilder> {
  private final ApplicationNoticeStore notices;

  public HttpApplicationNoticeRoutes(ApplicationNoticeStore notices) {
    this.notices = notices;
  }

  @Override
  public void accept(RouterBuilder rb) {
    OpenAPIRoute route = rb.getRoute("listApplicationNotices");
    if (route == null) {
      throw new IllegalStateException("no operation listApplicationNotices in the OpenAPI contract");
    }
    route.addHandler(ctx -> notices.notices(ctx.pathParam("number"))
        .map(list -> {
          JsonArray out = new JsonArray();
          list.forEach(n -> out.add(json(n)));
          return out;
        })
        .onSuccess(out -> ctx.response().putHeader("content-type", "application/json").end(out.encode()))
        .onFailure(ctx::fail));
  }

  static JsonObject json(NoticeStatus n) {
    JsonObject json = new JsonObject().put("stage", n.stage()).put("at", n.at().toString()).put("state", n.state());
    if (n.channel() != null) {
      json.put("channel", n.channel().name());
    } else {
      json.put("unreachedBecause", new JsonArray(n.unreachedBecause()));
    }
    return json;
  }
}
