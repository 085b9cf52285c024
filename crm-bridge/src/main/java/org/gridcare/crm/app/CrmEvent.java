package org.gridcare.crm.app;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * What the external CRM hears: {@code type} ({@code ticket.opened}, {@code ticket.transitioned},
 * {@code ticket.changed}, {@code ticket.note-added}, {@code ticket.linked}, {@code call.ended}), the aggregate it
 * is about ({@code ticket:42}, {@code call:abc}) and the idempotency key that stays the same over every retry.
 */
public record CrmEvent(long sequence, String type, String aggregate, UUID idempotencyKey, Instant at, JsonObject payload) {

  public JsonObject toJson() {
    return new JsonObject().put("sequence", sequence).put("type", type).put("aggregate", aggregate)
        .put("id", idempotencyKey.toString()).put("at", at.toString()).put("data", payload);
  }
}
