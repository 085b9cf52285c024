package org.gridcare.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.privacy.Db.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.Set;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Rectification over HTTP: an agent corrects a caller's name, number and address against the version read; bad
 * input is a 400 naming the field, a stale version a 409;
 * the audit names the fields changed.
 */
@RealServers
class RectificationApiTest {

  @Test
  void anAgentCorrectsMasterDataAgainstTheVersionReadAndBadInputNamesTheField(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      Db db = new Db(cc.storage().pool());
      await(cc.crm().loadSampleData(5));
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      await(cc.authentication().addUser("test", new Identity("op1001", Set.of(Role.AGENT), List.of(1)),
          "op1001-password-1"));
      String agent = ok(await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", "op1001")
          .put("password", "op1001-password-1")))).bodyAsJsonObject().getString("token");
      long id = Long.parseLong(db.strings("SELECT min(id) FROM crm_customer").get(0));
      String path = "/api/crm/customers/" + id;
      JsonObject before = ok(await(http.get(path).bearerTokenAuthentication(agent).send())).bodyAsJsonObject()
          .getJsonObject("customer");
      int version = before.getInteger("version");

      HttpResponse<Buffer> badPhone = await(http.patch(path).bearerTokenAuthentication(agent).sendJsonObject(
          new JsonObject().put("version", version).put("reason", "caller gave a new number")
              .put("phones", new JsonObject().put("add", new JsonArray().add(new JsonObject().put("number", "12ab"))))));
      assertThat(badPhone.statusCode()).isEqualTo(400);
      assertThat(badPhone.bodyAsJsonObject().getString("message")).contains("phones.add[0].number");
      assertThat(await(http.patch(path).bearerTokenAuthentication(agent).sendJsonObject(new JsonObject()
          .put("version", version).put("name", "No Reason"))).statusCode()).as("reason required").isEqualTo(400);

      JsonObject corrected = ok(await(http.patch(path).bearerTokenAuthentication(agent).sendJsonObject(new JsonObject()
          .put("version", version).put("reason", "caller spelt it out").put("name", "Kari Nordmann-Berg")
          .put("phones", new JsonObject().put("add", new JsonArray().add(new JsonObject().put("number", "917 65 432")
              .put("notifyConsent", true))))
          .put("address", new JsonObject().put("street", "Storgata 99").put("postcode", "0155").put("city", "Oslo")))))
          .bodyAsJsonObject();
      assertThat(corrected.getString("name")).isEqualTo("Kari Nordmann-Berg");
      assertThat(corrected.getInteger("version")).isEqualTo(version + 1);
      assertThat(corrected.getJsonArray("phones").stream().map(p -> ((JsonObject) p).getString("number")))
          .contains("+4791765432");
      assertThat(corrected.getJsonObject("address").getString("street")).isEqualTo("Storgata 99");

      HttpResponse<Buffer> stale = await(http.patch(path).bearerTokenAuthentication(agent).sendJsonObject(new JsonObject()
          .put("version", version).put("reason", "second correction").put("name", "Someone Else")));
      assertThat(stale.statusCode()).isEqualTo(409);
      assertThat(db.strings("SELECT name FROM crm_customer WHERE id = $1", id)).containsExactly("Kari Nordmann-Berg");
      assertThat(db.strings("SELECT actor || '|' || (details->>'fields') FROM audit WHERE action = 'customer.rectified'"))
          .containsExactly("op1001|name,phones,address");
    }
  }

  private static HttpResponse<Buffer> ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 299);
    return r;
  }
}
