package org.gridcare.server.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A signed-in user as the API sees them: name, roles and the support lines they belong to. */
public record Identity(String username, Set<Role> roles, List<Integer> lines) {
  public Identity {
    roles = Set.copyOf(roles);
    lines = List.copyOf(lines);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** The principal placed on the RoutingContext's user: {@code username}, {@code roles} (ids), {@code lines}. */
  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    new TreeSet<>(roles.stream().map(Role::id).toList()).forEach(r::add);
    return new JsonObject().put("username", username).put("roles", r).put("lines", new JsonArray(new ArrayList<>(lines)));
  }

  public static Identity fromJson(JsonObject json) {
    Set<Role> roles = new java.util.HashSet<>();
    json.getJsonArray("roles", new JsonArray()).forEach(r -> roles.add(Role.of((String) r)));
    List<Integer> lines = new ArrayList<>();
    json.getJsonArray("lines", new JsonArray()).forEach(l -> lines.add(((Number) l).intValue()));
    return new Identity(json.getString("username"), roles, lines);
  }
}
