package org.gridcare.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridcare.server.auth.Authentication;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.server.auth.UserAccount;

/** Login, logout, who-am-I and user administration. */
final class HttpAuthRoutes {
  private final Authentication auth;

  HttpAuthRoutes(Authentication auth) {
    this.auth = auth;
  }

  void mount(RouterBuilder rb) {
    HttpApi.on(rb, "login", this::login);
    HttpApi.on(rb, "logout", ctx -> auth.logout(ctx.get(Access.TOKEN))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    HttpApi.on(rb, "me", ctx -> HttpApi.json(ctx, 200, ctx.user().principal()));
    HttpApi.on(rb, "listUsers", ctx -> auth.listUsers().onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(u -> out.add(user(u)));
      HttpApi.json(ctx, 200, out);
    }).onFailure(ctx::fail));
    HttpApi.on(rb, "addUser", this::addUser);
    HttpApi.on(rb, "disableUser", ctx -> auth.disableUser(ctx.user().principal().getString("username"), ctx.pathParam("username"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    HttpApi.on(rb, "setUserEndpoint", ctx -> auth.setEndpoint(ctx.user().principal().getString("username"),
            ctx.pathParam("username"), ctx.body().asJsonObject().getString("endpoint"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    HttpApi.on(rb, "unlockUser", ctx -> auth.unlockUser(ctx.user().principal().getString("username"), ctx.pathParam("username"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    auth.login(body.getString("username"), body.getString("password"), ctx.request().remoteAddress().hostAddress())
        .onSuccess(s -> HttpApi.json(ctx, 200, new JsonObject().put("token", s.token())
            .put("expiresAt", s.expiresAt().toString()).put("user", s.identity().toJson())))
        .onFailure(ctx::fail);
  }

  private void addUser(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Set<Role> roles = new HashSet<>();
    body.getJsonArray("roles").forEach(r -> roles.add(Role.of((String) r)));
    List<Integer> lines = new ArrayList<>();
    body.getJsonArray("lines", new JsonArray()).forEach(l -> lines.add(((Number) l).intValue()));
    auth.addUser(ctx.user().principal().getString("username"), new Identity(body.getString("username"), roles, lines),
            body.getString("password"), body.getString("endpoint"))
        .onSuccess(u -> HttpApi.json(ctx, 201, user(u)))
        .onFailure(ctx::fail);
  }

  private static JsonObject user(UserAccount u) {
    return u.identity().toJson().put("disabled", u.disabled());
  }
}
