package org.gridcare.crm.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gridcare.crm.app.Applications;
import org.gridcare.crm.app.CustomerDirectory;
import org.gridcare.crm.app.CustomerDirectory.SearchQuery;
import org.gridcare.crm.app.Interactions;
import org.gridcare.crm.app.ReadingService;
import org.gridcare.crm.app.ScreenPop;
import org.gridcare.crm.app.TicketService;
import org.gridcare.crm.app.TicketService.TicketEdit;
import org.gridcare.crm.app.Views;
import org.gridcare.crm.domain.ApplicationStage;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeterReading;
import org.gridcare.crm.domain.Phone;
import org.gridcare.crm.domain.Rectification;
import org.gridcare.crm.domain.Rectification.AddressCorrection;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.platform.domain.DomainException;

/**
 * Handlers of {@code openapi/crm.yaml}. Requests arrive validated by the contract and role-checked by the server;
 * here: who may act on which ticket (agents and supervisors on their lines' tickets or the ones they own, admins on
 * all), and the mapping between JSON and the use cases.
 */
public final class HttpCrmRoutes implements Consumer<RouterBuilder> {
  private final CustomerDirectory directory;
  private final TicketService tickets;
  private final Interactions interactions;
  private final ScreenPop screenPop;
  private final ReadingService readings;
  private final Applications applications;
  private final Clock clock;

  public HttpCrmRoutes(CustomerDirectory directory, TicketService tickets, Interactions interactions, ScreenPop screenPop,
      ReadingService readings, Applications applications, Clock clock) {
    this.applications = applications;
    this.directory = directory;
    this.tickets = tickets;
    this.interactions = interactions;
    this.screenPop = screenPop;
    this.readings = readings;
    this.clock = clock;
  }

  @Override
  public void accept(RouterBuilder rb) {
    on(rb, "searchCustomers", this::search);
    on(rb, "getCustomer", ctx -> reply(ctx, 200, directory.customer360(longParam(ctx, "customerId"), username(ctx)).map(c -> {
      JsonArray ts = new JsonArray();
      c.tickets().forEach(t -> ts.add(Views.ticket(t)));
      JsonArray is = new JsonArray();
      c.interactions().forEach(i -> is.add(Views.interaction(i, false)));
      JsonArray as = new JsonArray();
      c.applications().forEach(a -> as.add(Views.application(a)));
      return new JsonObject().put("customer", Views.customer(c.customer(), true)).put("tickets", ts)
          .put("interactions", is).put("applications", as);
    })));
    on(rb, "rectifyCustomer", this::rectify);
    on(rb, "listInteractions", ctx -> reply(ctx, 200,
        interactions.forCustomer(longParam(ctx, "customerId"), intQuery(ctx, "limit", 50)).map(list -> {
          JsonArray out = new JsonArray();
          list.forEach(i -> out.add(Views.interaction(i, false)));
          return out;
        })));
    on(rb, "screenPop", ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      String phone = body.getString("phone");
      String callId = body.getString("callId");
      reply(ctx, 200, (callId == null ? screenPop.card(phone) : screenPop.offered(callId, phone)).map(Views::card));
    });
    on(rb, "createTicket", this::createTicket);
    on(rb, "getTicket", this::getTicket);
    on(rb, "updateTicket", this::updateTicket);
    on(rb, "transitionTicket", ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      long id = longParam(ctx, "ticketId");
      reply(ctx, 200, permitted(ctx, id).compose(t -> tickets.transition(id, body.getInteger("version"), username(ctx),
          TicketStatus.of(body.getString("to")), body.getString("reason"))).map(Views::ticket));
    });
    on(rb, "addTicketNote", ctx -> {
      long id = longParam(ctx, "ticketId");
      reply(ctx, 201, permitted(ctx, id)
          .compose(t -> tickets.addNote(id, username(ctx), ctx.body().asJsonObject().getString("body"))).map(Views::note));
    });
    on(rb, "linkToTicket", ctx -> {
      long id = longParam(ctx, "ticketId");
      JsonObject body = ctx.body().asJsonObject();
      permitted(ctx, id).compose(t -> tickets.link(id, body.getString("kind"), body.getString("ref"), username(ctx)))
          .onSuccess(v -> ctx.response().setStatusCode(204).end())
          .onFailure(ctx::fail);
    });
    on(rb, "submitApplication", ctx -> reply(ctx, 201, applications.submit(longParam(ctx, "customerId"),
        ctx.body().asJsonObject().getString("requestedKw"), username(ctx), clock.instant()).map(Views::application)));
    on(rb, "listCustomerApplications", ctx -> reply(ctx, 200, applications.forCustomer(longParam(ctx, "customerId"))
        .map(list -> new JsonArray(list.stream().map(Views::application).toList()))));
    on(rb, "getApplication", ctx -> reply(ctx, 200, applications.byNumber(ctx.pathParam("number")).map(a -> Views.application(
        a.orElseThrow(() -> DomainException.notFound("no-such-application", "No application " + ctx.pathParam("number")))))));
    on(rb, "advanceApplication", ctx -> reply(ctx, 200, applications.advance(ctx.pathParam("number"),
        ApplicationStage.of(ctx.body().asJsonObject().getString("stage")), username(ctx), clock.instant())
        .map(Views::application)));
    on(rb, "recordMeterReading", ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      Future<MeterReading> saved = Future.succeededFuture().compose(v -> readings.submit(new MeterReading(
          new Gsrn(ctx.pathParam("gsrn")), new BigDecimal(body.getValue("kwh").toString()),
          body.getString("readAt") == null ? clock.instant() : Instant.parse(body.getString("readAt")), "operator", null),
          null));
      reply(ctx, 201, saved.map(r -> new JsonObject().put("gsrn", r.gsrn().value()).put("kwh", r.kwh())
          .put("readAt", r.readAt().toString()).put("source", r.source())));
    });
  }

  private void search(RoutingContext ctx) {
    List<SearchQuery> criteria = new ArrayList<>();
    int limit = intQuery(ctx, "limit", 20);
    for (SearchQuery.By by : SearchQuery.By.values()) {
      String value = ctx.queryParams().get(by.name().toLowerCase());
      if (value != null) {
        criteria.add(new SearchQuery(by, value, limit));
      }
    }
    if (criteria.size() != 1) {
      ctx.fail(DomainException.invalid("one-search-criterion", "Search by exactly one of phone, name, number, gsrn"));
      return;
    }
    reply(ctx, 200, directory.search(criteria.get(0)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(m -> out.add(Views.match(m)));
      return out;
    }));
  }

  /** Agents too: correcting an address or a number while the customer is on the line is routine; a reason is required. */
  private void rectify(RoutingContext ctx) {
    long id = longParam(ctx, "customerId");
    JsonObject b = ctx.body().asJsonObject();
    Future<Rectification> parsed = Future.succeededFuture().map(v -> {
      JsonObject phones = b.getJsonObject("phones", new JsonObject());
      List<Phone> add = new ArrayList<>();
      JsonArray adds = phones.getJsonArray("add", new JsonArray());
      for (int i = 0; i < adds.size(); i++) {
        JsonObject p = adds.getJsonObject(i);
        String e164 = directory.e164(p.getString("number"), "phones.add[" + i + "].number");
        add.add(new Phone(e164, p.getBoolean("mobile", directory.isMobile(e164)), p.getBoolean("notifyConsent", false)));
      }
      List<String> remove = new ArrayList<>();
      JsonArray removes = phones.getJsonArray("remove", new JsonArray());
      for (int i = 0; i < removes.size(); i++) {
        remove.add(directory.e164(removes.getString(i), "phones.remove[" + i + "]"));
      }
      JsonObject a = b.getJsonObject("address");
      AddressCorrection address = a == null ? null : new AddressCorrection(a.getString("street"),
          a.getString("postcode"), a.getString("city"), a.getString("gridArea") == null ? null
              : new GridLocation(a.getString("gridArea"), a.getString("substation"), a.getString("feeder")));
      return new Rectification(b.getInteger("version"), b.getString("name"), add, remove, address, b.getString("reason"));
    });
    reply(ctx, 200, parsed.compose(r -> directory.rectify(id, r, username(ctx))).map(c -> Views.customer(c, true)));
  }

  private void createTicket(RoutingContext ctx) {
    JsonObject b = ctx.body().asJsonObject();
    Future<Ticket> created = Future.succeededFuture().compose(v -> {
      TicketDraft draft = new TicketDraft(b.getLong("customerId"), TicketTopic.of(b.getString("topic")),
          b.getString("subject"), b.getString("description"), b.getInteger("line"), b.getString("owner"),
          b.getString("dueAt") == null ? null : Instant.parse(b.getString("dueAt")), TicketSource.OPERATOR,
          b.getString("callId"), username(ctx));
      return tickets.open(draft);
    });
    reply(ctx, 201, created.map(Views::ticket));
  }

  private void getTicket(RoutingContext ctx) {
    long id = longParam(ctx, "ticketId");
    var store = tickets.store();
    reply(ctx, 200, tickets.get(id).compose(t -> Future.all(store.history(id), store.notes(id), store.links(id))
        .map(all -> {
          JsonArray history = new JsonArray();
          all.<List<org.gridcare.crm.domain.TicketTransition>>resultAt(0).forEach(tr -> history.add(Views.transition(tr)));
          JsonArray notes = new JsonArray();
          all.<List<org.gridcare.crm.domain.TicketNote>>resultAt(1).forEach(n -> notes.add(Views.note(n)));
          JsonArray links = new JsonArray();
          all.<List<org.gridcare.crm.app.TicketLink>>resultAt(2).forEach(l -> links.add(Views.link(l)));
          return Views.ticket(t).put("history", history).put("notes", notes).put("links", links);
        })));
  }

  private void updateTicket(RoutingContext ctx) {
    long id = longParam(ctx, "ticketId");
    JsonObject b = ctx.body().asJsonObject();
    TicketEdit edit = new TicketEdit(b.getString("subject"), b.getString("description"), b.getInteger("line"),
        b.getString("owner"), b.getString("dueAt") == null ? null : Instant.parse(b.getString("dueAt")),
        b.getBoolean("clearDue", false));
    reply(ctx, 200, permitted(ctx, id).compose(t -> tickets.update(id, b.getInteger("version"), username(ctx), edit))
        .map(Views::ticket));
  }

  /** The ticket, when the signed-in user may act on it. */
  private Future<Ticket> permitted(RoutingContext ctx, long id) {
    JsonObject me = ctx.user().principal();
    return tickets.get(id).map(t -> {
      JsonArray roles = me.getJsonArray("roles", new JsonArray());
      JsonArray lines = me.getJsonArray("lines", new JsonArray());
      if (roles.contains("admin") || lines.contains(t.line()) || me.getString("username").equals(t.owner())) {
        return t;
      }
      throw DomainException.forbidden("not-your-line",
          "Ticket " + t.number() + " belongs to line " + t.line() + ", which you do not work on");
    });
  }

  private static String username(RoutingContext ctx) {
    return ctx.user().principal().getString("username");
  }

  private static long longParam(RoutingContext ctx, String name) {
    return Long.parseLong(ctx.pathParam(name));
  }

  private static int intQuery(RoutingContext ctx, String name, int fallback) {
    String v = ctx.queryParams().get(name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static void reply(RoutingContext ctx, int status, Future<?> result) {
    result.onSuccess(body -> ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
            .end(body instanceof JsonObject j ? j.encode() : ((JsonArray) body).encode()))
        .onFailure(ctx::fail);
  }

  private static void on(RouterBuilder rb, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in the OpenAPI contract");
    }
    route.addHandler(handler);
  }
}
