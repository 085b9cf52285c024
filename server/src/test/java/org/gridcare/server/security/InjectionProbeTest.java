package org.gridcare.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Injection and path-traversal probes on every parameter of every operation of the merged OpenAPI document (path
 * and query parameters, top-level string fields of JSON bodies), sent as an admin so authorisation lets them through:
 * SQL injection, traversal (plain, encoded, double-encoded, aimed at a marker file), NUL bytes and overlong values.
 * Each gets a 4xx or an ordinary answer, never a 5xx or a file's content; a refused probe or any read changes no row
 * in any table (the append-only audit and journal excepted, which record reads), and no file appears outside the data
 * directory.
 */
@RealServers
class InjectionProbeTest {
  /** Tables that record reads themselves (the access audit, the journal): they may grow on an ordinary read. */
  static final Set<String> RECORDS_OF_READS = Set.of("audit", "journal", "flyway_schema_history");
  static TestCentre centre;
  static Client client;
  static Operations operations;
  static String admin;
  static Path outside;
  static Path data;
  static final String MARKER = "gridcare-probe-" + UUID.randomUUID();

  @BeforeAll
  static void start(StorageSettings storage) throws Exception {
    outside = Files.createTempDirectory("cc-probe");
    data = Files.createDirectories(outside.resolve("a/b/data"));
    Map<String, String> env = new LinkedHashMap<>(TestCentre.environment(storage, data));
    env.put("CC_AUTH_LOGIN_ATTEMPTS_PER_ACCOUNT", "100000");
    env.put("CC_AUTH_LOGIN_ATTEMPTS_PER_IP", "100000");
    centre = TestCentre.start(org.gridcare.config.ConfigLoader.load(
        TestCentre.repoRoot().resolve("config/contact-centre.yaml"), env));
    await(centre.cc().crm().loadSampleData(60));
    await(centre.cc().authentication().addUser("test", new Identity("ada", Set.of(Role.ADMIN), List.of(1, 2, 3)),
        "admin-password-1"));
    client = new Client(centre.cc().vertx(), centre.cc().httpPort());
    admin = client.login("ada", "admin-password-1");
    operations = new Operations(new JsonObject(client.send("GET", "/api/openapi.json", null, null, null).body()));
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    centre.close();
  }

  static List<String> payloads() {
    return List.of(
        "' OR 1=1--",
        "1; DROP TABLE crm_customer; --",
        "x' UNION SELECT password_hash FROM users--",
        "../../../../../../etc/passwd",
        Operations.RAW + "..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        Operations.RAW + "%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        Operations.RAW + "%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "../../../../" + MARKER,
        "nul\u0000byte",
        "a".repeat(3000));
  }

  @Test
  void hostileValuesInEveryParameterGet4xxOrAnOrdinaryAnswerAndChangeNothing() throws Exception {
    List<String> wrong = new ArrayList<>();
    int probes = 0;
    int refused = 0;
    for (Operations.Op op : operations.all()) {
      List<String[]> targets = new ArrayList<>(); // {where, name}
      op.parameters().forEach(p -> targets.add(new String[] {p.getString("in"), p.getString("name")}));
      operations.stringFields(op).forEach(f -> targets.add(new String[] {"body", f}));
      for (String[] target : targets) {
        if (!Set.of("path", "query", "body").contains(target[0])) {
          continue;
        }
        for (String payload : payloads()) {
          if ("body".equals(target[0]) && payload.startsWith(Operations.RAW)) {
            continue;
          }
          Operations.Call call = "body".equals(target[0])
              ? operations.call(op, Operations.none(), Map.of(target[1], payload.length() == 3000 ? "a".repeat(100_000) : payload))
              : operations.call(op, Map.of(target[1], payload), Map.of());
          Map<String, Long> before = rowCounts();
          Client.Answer a;
          try {
            a = client.send(call, admin);
          } catch (java.util.concurrent.TimeoutException e) {
            wrong.add(op + " " + target[0] + " " + target[1] + "=" + shown(payload) + " → no answer");
            continue;
          }
          Map<String, Long> after = rowCounts();
          probes++;
          String what = op + " " + target[0] + " " + target[1] + "=" + shown(payload) + " → " + a.status();
          if (a.status() >= 500 || a.status() < 200 || a.status() >= 300 && a.status() < 400) {
            wrong.add(what + " " + shorten(a.body()));
          }
          if (a.body().contains("root:x:0:0")) {
            wrong.add(what + " served /etc/passwd");
          }
          boolean changeAllowed = a.status() < 300 && !"get".equals(op.method());
          if (!changeAllowed && !changedOnlyRecords(before, after)) {
            wrong.add(what + " changed rows: " + diff(before, after));
          }
          if (a.status() >= 400) {
            refused++;
          }
          if (a.status() == 401) {
            admin = client.login("ada", "admin-password-1"); // the probe was a logout
          }
        }
      }
    }
    System.out.printf("injection probes: %d sent, %d refused with 4xx%n", probes, refused);
    assertThat(probes).isGreaterThan(300);
    assertThat(wrong).isEmpty();
    assertThat(filesNamed(MARKER)).as("no file created by a traversal").isEmpty();
    assertThat(rowCounts()).as("the injected DROP TABLE and OR 1=1 did nothing").containsEntry("crm_customer", 60L);
    List<String> users = new ArrayList<>();
    await(centre.cc().storage().pool().query("SELECT username FROM users").execute()).forEach(r -> users.add(r.getString(0)));
    assertThat(users).as("only the sample user the addUser probes may create (a hostile password is just a password)")
        .containsOnly("ada", "probe");
  }

  private static List<Path> filesNamed(String name) throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path root : List.of(outside, TestCentre.repoRoot(), Path.of("/tmp"), Path.of("/"))) {
      try (Stream<Path> walk = Files.walk(root, root.equals(outside) ? Integer.MAX_VALUE : 2)) {
        walk.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(name)).forEach(found::add);
      } catch (java.io.UncheckedIOException e) {
        // unreadable entries (other processes' temporary files) are not ours
      }
    }
    return found;
  }

  private static Map<String, Long> rowCounts() throws Exception {
    var pool = centre.cc().storage().pool();
    List<String> tables = new ArrayList<>();
    for (Row r : await(pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        + "AND table_type = 'BASE TABLE' ORDER BY 1").execute())) {
      tables.add(r.getString(0));
    }
    StringBuilder sql = new StringBuilder();
    for (String t : tables) {
      sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT '").append(t).append("', count(*) FROM \"")
          .append(t).append('"');
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r : await(pool.query(sql.toString()).execute())) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  private static boolean changedOnlyRecords(Map<String, Long> before, Map<String, Long> after) {
    if (!before.keySet().equals(after.keySet())) {
      return false;
    }
    return before.entrySet().stream().allMatch(e -> RECORDS_OF_READS.contains(e.getKey())
        || e.getValue().equals(after.get(e.getKey())));
  }

  private static String diff(Map<String, Long> before, Map<String, Long> after) {
    Map<String, String> d = new LinkedHashMap<>();
    before.forEach((k, v) -> {
      if (!v.equals(after.get(k))) {
        d.put(k, v + "→" + after.get(k));
      }
    });
    after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> d.put(k, "new"));
    return d.toString();
  }

  private static String shown(String payload) {
    String p = payload.replace("\u0000", "\\0");
    return p.length() > 40 ? p.substring(0, 10) + "…(" + p.length() + ")" : p;
  }

  private static String shorten(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
