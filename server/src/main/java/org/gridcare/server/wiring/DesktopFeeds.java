package org.gridcare.server.wiring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gridcare.acd.app.Acd;
import org.gridcare.acd.app.AcdEvents;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.Presence;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.app.Views;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.desktop.app.AcdDesk;
import org.gridcare.desktop.app.CrmDesk;
import org.gridcare.desktop.app.Desk;
import org.gridcare.desktop.app.DeskOperator;
import org.gridcare.desktop.app.IvrDesk;
import org.gridcare.ivr.IvrModule;
import org.gridcare.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's ports over the ACD and the CRM, and the relay of what they announce on the event bus (a call offered,
 * answered or ended; an operator's state; a ticket reminder) to the desktop.
 */
public final class DesktopFeeds {
  private static final Logger LOG = LoggerFactory.getLogger(DesktopFeeds.class);

  private DesktopFeeds() {}

  public static AcdDesk acd(Acd acd) {
    return new AcdDesk() {
      @Override
      public Future<DeskOperator> operator(String operatorId) {
        return acd.operator(operatorId).map(v -> {
          OperatorStatus s = v.status();
          return new DeskOperator(v.id(), v.operator().name(), s.state().id(), presence(s.presence()), s.reason(),
              s.endpoint(), s.callId(), s.since(), s.wrapUpUntil(), v.operator().lines().stream().sorted().toList());
        });
      }

      @Override
      public Future<Void> release(String callId, String by) {
        return acd.release(callId, by).mapEmpty();
      }

      @Override
      public Future<Integer> transfer(String callId, String topic, String ticketId, String by) {
        return acd.transfer(callId, topic, ticketId, by).map(c -> c.line());
      }
    };
  }

  /** The IVR's current menu (a reload counts at once). */
  public static IvrDesk ivr(IvrModule ivr) {
    return nodeId -> ivr.menu().get().nodes().containsKey(nodeId);
  }

  public static CrmDesk crm(CrmModule crm) {
    return new CrmDesk() {
      @Override
      public Future<JsonObject> card(String callId, String rawCaller) {
        return crm.screenPop().offered(callId, rawCaller).map(Views::card);
      }

      @Override
      public Future<Void> addNote(long ticketId, Actor actor, String body) {
        return crm.tickets().get(ticketId).compose(t -> {
          if (!actor.admin() && !actor.lines().contains(t.line()) && !actor.username().equals(t.owner())) {
            return Future.failedFuture(DomainException.forbidden("not-your-line",
                "Ticket " + t.number() + " belongs to line " + t.line() + ", which you do not work on"));
          }
          return crm.tickets().addNote(ticketId, actor.username(), body).mapEmpty();
        });
      }

      @Override
      public Future<Void> linkCall(long ticketId, String callId, String actor) {
        return crm.tickets().link(ticketId, "call", callId, actor);
      }

      @Override
      public java.util.Set<String> ticketTopics() {
        return java.util.Arrays.stream(TicketTopic.values()).map(TicketTopic::id)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
      }

      @Override
      public Future<JsonObject> openTicket(Actor actor, String topic, String subject, Long customerId, String callId,
          Integer line) {
        return Future.succeededFuture().compose(v -> crm.tickets().open(new TicketDraft(customerId, TicketTopic.of(topic),
                subject, null, line, null, null, TicketSource.OPERATOR, callId, actor.username())))
            .map(t -> new JsonObject().put("id", t.id()).put("number", t.number()));
      }
    };
  }

  /** Subscribes the desktop to the ACD's and the CRM's announcements; the consumers to unregister at stop. */
  public static List<MessageConsumer<JsonObject>> relay(Vertx vertx, Desk desk) {
    return List.of(
        vertx.eventBus().<JsonObject>consumer(AcdEvents.QUEUE_CHANGED, m -> {
          JsonObject e = m.body();
          String type = e.getString("type");
          Future<?> done = "acd.call.offered".equals(type)
              ? desk.offered(e.getString("callId"), e.getString("operatorId"))
              : desk.callChanged(type, e.getString("callId"), e.getString("operatorId"));
          done.onFailure(x -> LOG.warn("desktop could not follow {} of call {}: {}", type, e.getString("callId"), x.toString()));
        }),
        vertx.eventBus().<JsonObject>consumer(AcdEvents.OPERATOR_STATE,
            m -> desk.stateChanged(m.body().getString("operatorId"), m.body())),
        vertx.eventBus().<JsonObject>consumer(CrmModule.REMINDER_ADDRESS, m -> desk.reminder(m.body())));
  }

  private static String presence(Presence p) {
    return p == Presence.LOGGED_OUT ? "logged-out" : p == Presence.READY ? "ready" : "not-ready";
  }

}
