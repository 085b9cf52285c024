package org.gridcare.server.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.StorageSettings;

/**
 * The whole contact centre on the test's real PostgreSQL and Redis, with the shipped configuration (optionally
 * edited) and menu, and what the IVR tests read back: the journal of a call and the rows it wrote.
 */
final class IvrCentre implements AutoCloseable {
  final ContactCentre cc;

  private IvrCentre(ContactCentre cc) {
    this.cc = cc;
  }

  /** @param editConfig applied to the text of config/contact-centre.yaml (opening hours are a map, not an env key) */
  static IvrCentre start(StorageSettings storage, UnaryOperator<String> editConfig) throws Exception {
    Path data = TestCentre.newDataDir();
    Path configFile = data.resolve("contact-centre.yaml");
    Files.writeString(configFile, editConfig.apply(Files.readString(TestCentre.repoRoot().resolve("config/contact-centre.yaml"))));
    ContactCentreConfig config = ConfigLoader.load(configFile, TestCentre.environment(storage, data));
    return new IvrCentre(await(ContactCentre.start(config), 120));
  }

  PbxSimulator simulator() {
    return cc.pbxLink().simulator().orElseThrow();
  }

  /** The sound file the IVR plays for a prompt without placeholders (rendered once, cached by content). */
  String staticPrompt(String language, String promptId) throws Exception {
    String text = cc.ivr().menu().get().promptText(language, promptId).orElseThrow();
    return withoutExtension(await(cc.ivr().speech().render(language, text), 60));
  }

  /** The sound file of a text filled in per call (no customer data in it), as the IVR renders it. */
  String spoken(String language, String text) throws Exception {
    return withoutExtension(await(cc.ivr().speech().render(language, text), 60));
  }

  /** The sound file of a personal text (one naming the customer), as the IVR renders it. */
  String personalPrompt(String language, String text) throws Exception {
    return withoutExtension(await(cc.ivr().speech().renderPersonal(language, text), 60));
  }

  /** The {@code ivr.step} entries of a call, in order (data: node, kind, input, key, outcome, attempt). */
  List<JsonObject> steps(String callId) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    for (Row r : rows("SELECT data FROM journal WHERE type = 'ivr.step' AND call_id = $1 ORDER BY id", callId)) {
      out.add(r.getJsonObject("data"));
    }
    return out;
  }

  /** The step journaled for a node of the call (the last one when it was taken more than once). */
  JsonObject step(String callId, String node) throws Exception {
    List<JsonObject> at = steps(callId).stream().filter(s -> node.equals(s.getString("node"))).toList();
    assertThat(at).as("steps at node %s of call %s", node, callId).isNotEmpty();
    return at.get(at.size() - 1);
  }

  /** The {@code ivr.completed} entry of the call, once the session has ended and journaled it. */
  Row completed(String callId) throws Exception {
    TestCentre.eventually("ivr.completed of call " + callId, () -> !rows(
        "SELECT 1 FROM journal WHERE type = 'ivr.completed' AND call_id = $1", callId).isEmpty());
    List<Row> found = rows("SELECT line, customer_id, phone, data FROM journal WHERE type = 'ivr.completed' AND call_id = $1",
        callId);
    assertThat(found).as("one ivr.completed for call %s", callId).hasSize(1);
    return found.get(0);
  }

  List<Row> rows(String sql, Object... params) throws Exception {
    List<Row> out = new ArrayList<>();
    await(cc.storage().pool().preparedQuery(sql).execute(Tuple.wrap(params)), 30).forEach(out::add);
    return out;
  }

  long count(String sql, Object... params) throws Exception {
    return rows(sql, params).get(0).getLong(0);
  }

  /** The CRM customer (id, number, name, postcode) owning a phone number. */
  Row customerByPhone(String e164) throws Exception {
    List<Row> found = rows("SELECT c.id, c.number, c.name, a.postcode FROM crm_phone p "
        + "JOIN crm_customer c ON c.id = p.customer_id JOIN crm_address a ON a.id = c.address_id WHERE p.e164 = $1",
        e164);
    assertThat(found).as("customers with phone %s", e164).hasSize(1);
    return found.get(0);
  }


  static <T> T await(Future<T> f, int seconds) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  private static String withoutExtension(Path file) {
    String s = file.toString();
    return s.endsWith(".wav") ? s.substring(0, s.length() - 4) : s;
  }

  @Override
  public void close() throws Exception {
    await(cc.stop(), 60);
  }
}
