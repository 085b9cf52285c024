package org.gridcare.ivr.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gridcare.config.ConfigException;
import org.gridcare.ivr.app.LiveMenu;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;

/** {@code getIvrMenu} and {@code reloadIvrMenu}; every reload attempt is in the access audit. */
public final class HttpIvrRoutes implements Consumer<RouterBuilder> {
  private final LiveMenu menu;
  private final String menuFile;
  private final Audit audit;

  public HttpIvrRoutes(LiveMenu menu, String menuFile, Audit audit) {
    this.menu = menu;
    this.menuFile = menuFile;
    this.audit = audit;
  }

  @Override
  public void accept(RouterBuilder rb) {
    rb.getRoute("getIvrMenu").addHandler(ctx -> status(ctx, menu.get()));
    rb.getRoute("reloadIvrMenu").addHandler(this::reload);
  }

  private void reload(RoutingContext ctx) {
    String actor = ctx.user() == null ? "unknown" : ctx.user().principal().getString("username", "unknown");
    menu.reload()
        .transform(reloaded -> audit.record(audited(actor, reloaded))
            .compose(v -> reloaded.succeeded() ? Future.succeededFuture(reloaded.result())
                : Future.<IvrMenu>failedFuture(reloaded.cause())))
        .onSuccess(m -> status(ctx, m))
        .onFailure(e -> ctx.fail(e instanceof ConfigException c ? rejected(c) : e));
  }

  private AuditEntry audited(String actor, AsyncResult<IvrMenu> reloaded) {
    return reloaded.succeeded()
        ? AuditEntry.of(actor, "ivr.menu.reloaded", "ivr-menu", menuFile)
            .details(Map.of("nodes", reloaded.result().nodes().size()))
        : AuditEntry.of(actor, "ivr.menu.rejected", "ivr-menu", menuFile)
            .details(Map.of("problems", reloaded.cause() instanceof ConfigException c ? c.problems().size() : 0));
  }

  private void status(RoutingContext ctx, IvrMenu m) {
    JsonObject body = new JsonObject().put("start", m.start()).put("nodes", m.nodes().size())
        .put("languages", new JsonArray(List.copyOf(m.languages()))).put("loadedAt", String.valueOf(menu.loadedAt()));
    ctx.response().putHeader("content-type", "application/json").end(body.encode());
  }

  static DomainException rejected(ConfigException e) {
    List<Map<String, Object>> problems = e.problems().stream()
        .map(p -> Map.<String, Object>of("file", p.file(), "key", p.key(), "problem", p.problem())).toList();
    return new DomainException(ErrorKind.INVALID, "invalid-ivr-menu",
        "The IVR menu has " + problems.size() + " problem(s); the running menu stays", Map.of("problems", problems));
  }
}
