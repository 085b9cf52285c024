package org.gridcare.crm.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.CustomerCard;
import org.gridcare.crm.domain.CustomerMatch;
import org.gridcare.crm.domain.GridConnectionApplication;
import org.gridcare.crm.domain.Interaction;
import org.gridcare.crm.domain.MeteringPoint;
import org.gridcare.crm.domain.Phone;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketNote;
import org.gridcare.crm.domain.TicketTransition;

/**
 * The JSON shapes of the CRM (the OpenAPI schemas of {@code openapi/crm.yaml} and the external CRM's events).
 * Identities are always masked; phone numbers are masked unless {@code showPhones} (operators need the number to
 * call back; the external CRM events carry none).
 */
public final class Views {
  private Views() {}

  public static JsonObject customer(Customer c, boolean showPhones) {
    JsonArray phones = new JsonArray();
    for (Phone p : c.phones()) {
      phones.add(new JsonObject().put("number", showPhones ? p.e164() : p.masked()).put("mobile", p.mobile())
          .put("notifyConsent", p.notifyConsent()));
    }
    JsonArray points = new JsonArray();
    for (MeteringPoint m : c.meteringPoints()) {
      points.add(new JsonObject().put("gsrn", m.gsrn().value()).put("meterNumber", m.meterNumber())
          .put("address", address(m.address())));
    }
    return new JsonObject().put("id", c.id()).put("number", c.number()).put("kind", c.kind().id()).put("name", c.name())
        .put("identity", c.identityMasked()).put("phones", phones).put("address", address(c.address()))
        .put("meteringPoints", points).put("version", c.version());
  }

  public static JsonObject match(CustomerMatch m) {
    return new JsonObject().put("id", m.id()).put("number", m.number()).put("kind", m.kind().id()).put("name", m.name())
        .put("identity", m.identityMasked()).put("city", m.city()).put("score", Math.round(m.score() * 1000) / 1000.0);
  }

  public static JsonObject address(org.gridcare.crm.domain.Address a) {
    return new JsonObject().put("street", a.street()).put("postcode", a.postcode()).put("city", a.city())
        .put("gridArea", a.grid().area()).put("substation", a.grid().substation()).put("feeder", a.grid().feeder());
  }

  public static JsonObject ticket(Ticket t) {
    return new JsonObject().put("id", t.id()).put("number", t.number()).put("customerId", t.customerId())
        .put("topic", t.topic().id()).put("status", t.status().id()).put("subject", t.subject())
        .put("description", t.description()).put("line", t.line()).put("owner", t.owner()).put("dueAt", str(t.dueAt()))
        .put("remindAt", str(t.remindAt())).put("source", t.source().id()).put("createdBy", t.createdBy())
        .put("createdAt", str(t.createdAt())).put("updatedAt", str(t.updatedAt())).put("version", t.version());
  }

  public static JsonObject transition(TicketTransition t) {
    return new JsonObject().put("from", t.from() == null ? null : t.from().id()).put("to", t.to().id())
        .put("fromLine", t.fromLine()).put("toLine", t.toLine()).put("actor", t.actor()).put("reason", t.reason())
        .put("at", str(t.at()));
  }

  public static JsonObject note(TicketNote n) {
    return new JsonObject().put("id", n.id()).put("ticketId", n.ticketId()).put("author", n.author()).put("body", n.body())
        .put("at", str(n.at()));
  }

  public static JsonObject link(TicketLink l) {
    return new JsonObject().put("kind", l.kind()).put("ref", l.ref()).put("linkedBy", l.linkedBy())
        .put("linkedAt", str(l.linkedAt()));
  }

  public static JsonObject interaction(Interaction i, boolean showPhone) {
    return new JsonObject().put("callId", i.callId()).put("customerId", i.customerId())
        .put("phone", i.phone() == null ? null : showPhone ? i.phone() : org.gridcare.platform.domain.Masking.phone(i.phone()))
        .put("direction", i.direction().id()).put("ivrPath", new JsonArray(i.ivrPath())).put("line", i.line())
        .put("operator", i.operator()).put("startedAt", str(i.startedAt())).put("answeredAt", str(i.answeredAt()))
        .put("endedAt", str(i.endedAt())).put("outcome", i.outcome().id());
  }

  public static JsonObject application(GridConnectionApplication a) {
    return new JsonObject().put("number", a.number()).put("customerId", a.customerId()).put("requestedKw", a.requestedKw())
        .put("stage", a.stage().id()).put("submittedAt", str(a.submittedAt())).put("stageSince", str(a.stageSince()));
  }

  public static JsonObject card(CustomerCard card) {
    JsonArray tickets = new JsonArray();
    card.openTickets().forEach(t -> tickets.add(ticket(t)));
    JsonArray calls = new JsonArray();
    card.lastInteractions().forEach(i -> calls.add(interaction(i, false)));
    return new JsonObject().put("caller", card.callerMasked()).put("known", card.customer().isPresent())
        .put("customer", card.customer().map(c -> customer(c, true)).orElse(null))
        .put("otherMatches", card.otherMatches()).put("openTickets", tickets).put("lastInteractions", calls)
        .put("outage", card.outage().map(o -> new JsonObject().put("id", o.id()).put("kind", o.kind())
            .put("summary", o.summary()).put("since", str(o.since())).put("expectedEnd", str(o.expectedEnd())))
            .orElse(null));
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
