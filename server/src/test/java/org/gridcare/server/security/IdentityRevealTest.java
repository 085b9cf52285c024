package org.gridcare.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * National IDs leave the API masked (last two digits) on every CRM read; the full value only through the reveal
 * operation, for a supervisor or admin who gives a reason, and only after the access audit has recorded it.
 */
@RealServers
class IdentityRevealTest {

  @Test
  void fullIdentityOnlyForSupervisorsWithAReasonAndAudited(StorageSettings storage) throws Exception {
    try (TestCentre centre = TestCentre.start(storage)) {
      var cc = centre.cc();
      assertThat(await(cc.crm().loadSampleData(10))).isEqualTo(10);
      var auth = cc.authentication();
      await(auth.addUser("test", new Identity("amy", Set.of(Role.AGENT), List.of(1)), "agent-password-1"));
      await(auth.addUser("test", new Identity("sue", Set.of(Role.SUPERVISOR), List.of(1)), "supervisor-password-1"));
      CustomerDraft draft = SampleCustomers.generate(10, 2026).get(0);
      String full = draft.identity().value();
      long id = await(cc.storage().pool().preparedQuery("SELECT c.id FROM crm_customer c JOIN crm_phone p "
          + "ON p.customer_id = c.id WHERE p.e164 = $1").execute(Tuple.of(draft.phones().get(0).e164())))
          .iterator().next().getLong(0);
      try (Client client = new Client(cc.vertx(), cc.httpPort())) {
        String agent = client.login("amy", "agent-password-1");
        String supervisor = client.login("sue", "supervisor-password-1");
        Client.Answer card = client.send("GET", "/api/crm/customers/" + id, null, agent, null);
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.body()).as("the card shows the identity masked").doesNotContain(full)
            .contains(full.substring(full.length() - 2));
        Client.Answer search = client.send("GET", "/api/crm/customers?name=" + Operations.encode(draft.name()), null,
            agent, null);
        assertThat(new JsonArray(search.body()).encode()).doesNotContain(full);

        String reveal = "/api/crm/customers/" + id + "/identity";
        assertThat(client.send("POST", reveal, new JsonObject().put("reason", "customer asked to verify").encode(),
            agent, null).status()).as("agents never").isEqualTo(403);
        assertThat(client.send("POST", reveal, "{}", supervisor, null).status()).as("no reason").isEqualTo(400);
        assertThat(client.send("POST", reveal, new JsonObject().put("reason", "ok").encode(), supervisor, null).status())
            .as("a reason of substance").isEqualTo(400);
        Client.Answer shown = client.send("POST", reveal,
            new JsonObject().put("reason", "Grid connection contract needs the full ID").encode(), supervisor, null);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(new JsonObject(shown.body()).getString("identity")).isEqualTo(full);
        assertThat(client.send("POST", "/api/crm/customers/999999/identity",
            new JsonObject().put("reason", "checking a number").encode(), supervisor, null).status()).isEqualTo(404);
      }
      var audited = await(cc.storage().pool().preparedQuery("SELECT actor, reason FROM audit "
          + "WHERE action = 'customer.identity.revealed' AND subject_id = $1").execute(Tuple.of(String.valueOf(id))));
      assertThat(audited).extracting(r -> r.getString("actor") + ": " + r.getString("reason"))
          .containsExactly("sue: Grid connection contract needs the full ID");
      assertThat(await(cc.storage().pool().query("SELECT count(*) FROM audit WHERE action = 'customer.identity.revealed'")
          .execute()).iterator().next().getLong(0)).as("refused reveals are not recorded as reveals").isEqualTo(1);
    }
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
