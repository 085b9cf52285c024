package org.gridcare.acd.redis;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.gridcare.acd.app.Leg;
import org.gridcare.acd.app.LiveCall;
import org.gridcare.acd.domain.Activity;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.Presence;
import org.gridcare.acd.domain.WaitingCall;

/** The JSON the ACD keeps in Redis. Field names are stable: several server versions may share one Redis. */
final class AcdJson {
  private AcdJson() {}

  static String operator(OperatorStatus s) {
    return new JsonObject()
        .put("id", s.operatorId()).put("presence", s.presence().name()).put("reason", s.reason())
        .put("activity", s.activity().name()).put("endpoint", s.endpoint()).put("call", s.callId())
        .put("since", str(s.since())).put("idleSince", str(s.idleSince())).put("wrapUpUntil", str(s.wrapUpUntil()))
        .encode();
  }

  static OperatorStatus operator(String json) {
    JsonObject o = new JsonObject(json);
    return new OperatorStatus(o.getString("id"), Presence.valueOf(o.getString("presence")), o.getString("reason"),
        Activity.valueOf(o.getString("activity")), o.getString("endpoint"), o.getString("call"),
        instant(o.getString("since")), instant(o.getString("idleSince")), instant(o.getString("wrapUpUntil")));
  }

  static JsonObject callJson(WaitingCall c) {
    return new JsonObject()
        .put("id", c.callId()).put("channel", c.channel()).put("line", c.line()).put("topic", c.topic())
        .put("skill", c.skill()).put("priority", c.priority()).put("hazard", c.hazard()).put("boost", c.crmBoost())
        .put("customer", c.customerId()).put("ticket", c.ticketId()).put("enqueuedAt", str(c.enqueuedAt()))
        .put("callback", c.callback());
  }

  static String call(WaitingCall c) {
    return callJson(c).encode();
  }

  static WaitingCall call(String json) {
    return call(new JsonObject(json));
  }

  static WaitingCall call(JsonObject o) {
    return new WaitingCall(o.getString("id"), o.getString("channel"), o.getInteger("line"), o.getString("topic"),
        o.getString("skill"), o.getInteger("priority"), o.getBoolean("hazard"), o.getInteger("boost"),
        o.getString("customer"), o.getString("ticket"), instant(o.getString("enqueuedAt")), o.getBoolean("callback"));
  }

  static String live(LiveCall l) {
    return new JsonObject().put("call", callJson(l.call())).put("operator", l.operatorId())
        .put("operatorChannel", l.operatorChannel()).put("pbxCall", l.pbxCall()).put("offeredAt", str(l.offeredAt()))
        .put("answeredAt", str(l.answeredAt())).encode();
  }

  static LiveCall live(String json) {
    JsonObject o = new JsonObject(json);
    return new LiveCall(call(o.getJsonObject("call")), o.getString("operator"), o.getString("operatorChannel"),
        o.getString("pbxCall"), instant(o.getString("offeredAt")), instant(o.getString("answeredAt")));
  }

  static String leg(Leg leg) {
    return new JsonObject().put("role", leg.role().name()).put("call", leg.callId()).put("operator", leg.operatorId())
        .encode();
  }

  static Leg leg(String json) {
    JsonObject o = new JsonObject(json);
    return new Leg(Leg.Role.valueOf(o.getString("role")), o.getString("call"), o.getString("operator"));
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
