package org.gridcare.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorisation matrix, generated from the merged OpenAPI document the server serves: every operation is called
 * as anonymous, agent, supervisor and admin with a request built from its own schemas, and each answer is checked
 * against its {@code x-roles} (admin is allowed everywhere): anonymous → 401 unless {@code x-public}; a role not
 * declared → 403 {@code forbidden}; a declared role → neither. A new module's routes are covered without editing this
 * test. Also: no cookie and no {@code access_token} query parameter authenticates outside SSE streams.
 */
@RealServers
class AuthorizationMatrixTest {
  static final Map<String, String> PASSWORDS = Map.of("amy", "agent-password-1", "sue", "supervisor-password-1",
      "ada", "admin-password-1");
  static TestCentre centre;
  static Client client;
  static Operations operations;
  static final Map<String, String> tokens = new LinkedHashMap<>();

  @BeforeAll
  static void start(StorageSettings storage) throws Exception {
    centre = TestCentre.start(storage, Map.of("CC_AUTH_LOGIN_ATTEMPTS_PER_ACCOUNT", "1000",
        "CC_AUTH_LOGIN_ATTEMPTS_PER_IP", "1000"));
    var auth = centre.cc().authentication();
    await(auth.addUser("test", new Identity("amy", Set.of(Role.AGENT), List.of(1)), PASSWORDS.get("amy")));
    await(auth.addUser("test", new Identity("sue", Set.of(Role.SUPERVISOR), List.of(1)), PASSWORDS.get("sue")));
    await(auth.addUser("test", new Identity("ada", Set.of(Role.ADMIN), List.of(1, 2, 3)), PASSWORDS.get("ada")));
    client = new Client(centre.cc().vertx(), centre.cc().httpPort());
    tokens.put("agent", client.login("amy", PASSWORDS.get("amy")));
    tokens.put("supervisor", client.login("sue", PASSWORDS.get("sue")));
    tokens.put("admin", client.login("ada", PASSWORDS.get("ada")));
    operations = new Operations(new JsonObject(client.send("GET", "/api/openapi.json", null, null, null).body()));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    centre.close();
  }

  @Test
  void everyOperationAnswersEachRoleAsItsXRolesDeclare() throws Exception {
    List<Operations.Op> all = operations.all();
    assertThat(all).as("operations in the document").hasSizeGreaterThan(40);
    List<String> wrong = new ArrayList<>();
    List<String> serverErrors = new ArrayList<>();
    int checked = 0;
    int pastValidation = 0;
    for (Operations.Op op : all) {
      assertThat(op.isPublic() || !op.roles().isEmpty()).as(op + " declares x-roles or x-public").isTrue();
      Operations.Call call = operations.call(op, Operations.none(), Map.of());
      Client.Answer anonymous = client.send(call, null);
      checked++;
      if (op.isPublic() ? refusedByAccess(anonymous)
          : anonymous.status() != 401 || !"unauthenticated".equals(anonymous.error())) {
        wrong.add(op + " anonymous → " + anonymous);
      }
      for (String role : List.of("agent", "supervisor", "admin")) {
        Client.Answer a = client.send(call, tokens.get(role));
        checked++;
        boolean allowed = op.isPublic() || "admin".equals(role) || op.roles().contains(role);
        if (allowed ? refusedByAccess(a) || !op.isPublic() && a.status() == 401
            : a.status() != 403 || !"forbidden".equals(a.error())) {
          wrong.add(op + " as " + role + " (x-roles " + op.roles() + ") → " + a);
        }
        if (allowed && a.status() != 400) {
          pastValidation++;
        }
        if (a.status() >= 500) {
          serverErrors.add(op + " as " + role + " → " + a);
        }
        if ("logout".equals(op.id()) && a.status() == 204) {
          tokens.put(role, client.login(user(role), PASSWORDS.get(user(role))));
        }
      }
    }
    System.out.printf("authorisation matrix: %d operations, %d calls, %d allowed calls passed validation%n",
        all.size(), checked, pastValidation);
    assertThat(checked).isEqualTo(all.size() * 4);
    assertThat(wrong).as("answers that contradict x-roles").isEmpty();
    assertThat(serverErrors).as("server errors for valid-looking requests").isEmpty();
  }

  @Test
  void noCookieAndNoQueryTokenAuthenticatesARequestOutsideTheBrowsersUrlReads() throws Exception {
    String admin = tokens.get("admin");
    String cookies = "gridcare.token=" + admin + "; token=" + admin + "; session=" + admin + "; access_token=" + admin;
    List<String> wrong = new ArrayList<>();
    for (Operations.Op op : operations.all()) {
      if (op.isPublic()) {
        continue;
      }
      Operations.Call call = operations.call(op, Operations.none(), Map.of());
      Client.Answer byCookie = client.send(call.method(), call.uri(), call.body(), null, cookies);
      if (byCookie.status() != 401) {
        wrong.add(op + " with the token in cookies → " + byCookie);
      }
      // the two reads a browser element opens by URL (EventSource, <audio src>) take the token in the query
      boolean byUrl = "get".equals(op.method()) && (op.stream() || "playRecording".equals(op.id()));
      if (!byUrl) {
        String uri = call.uri() + (call.uri().contains("?") ? "&" : "?") + "access_token=" + admin;
        Client.Answer byQuery = client.send(call.method(), uri, call.body(), null, null);
        if (byQuery.status() != 401) {
          wrong.add(op + " with ?access_token= → " + byQuery);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * Refused by the access check itself (no or unknown token, role not declared), as opposed to a public operation's
   * own authentication such as a wrong password or a bad Twilio signature.
   */
  private static boolean refusedByAccess(Client.Answer a) {
    return a.status() == 401 && "unauthenticated".equals(a.error()) || a.status() == 403 && "forbidden".equals(a.error());
  }

  private static String user(String role) {
    return switch (role) {
      case "agent" -> "amy";
      case "supervisor" -> "sue";
      default -> "ada";
    };
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
