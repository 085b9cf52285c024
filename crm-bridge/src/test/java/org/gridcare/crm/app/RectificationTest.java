package org.gridcare.crm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.fails;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.Phone;
import org.gridcare.crm.domain.Rectification;
import org.gridcare.crm.domain.Rectification.AddressCorrection;
import org.gridcare.crm.pg.PgSampleData;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class RectificationTest {
  static CrmTestBed bed;

  @BeforeAll
  static void load(Vertx v, StorageSettings settings) throws Exception {
    bed = CrmTestBed.start(v, settings, true);
    ok(PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, 30, 3));
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  @Test
  void aCorrectionChangesNamePhonesAndAddressAuditedJournalledAndSentToTheExternalCrm() throws Exception {
    Customer before = customerWithPhones(2);
    Phone kept = before.phones().get(1);
    String added = bed.directory.e164("998 87 766", "phones.add[0].number");
    Rectification r = new Rectification(before.version(), "Corrected Name",
        List.of(new Phone(added, bed.directory.isMobile(added), false)), List.of(before.phones().get(0).e164()),
        new AddressCorrection("Rettet gate 7", "7030", "Trondheim", null), "caller reported a typo");

    Customer after = ok(bed.directory.rectify(before.id(), r, "op1001"));

    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.name()).isEqualTo("Corrected Name");
    assertThat(after.phones()).extracting(Phone::e164).containsExactly(kept.e164(), "+4799887766");
    assertThat(after.phones().get(0).notifyConsent()).as("consent of a phone not named is kept")
        .isEqualTo(kept.notifyConsent());
    assertThat(after.address().street()).isEqualTo("Rettet gate 7");
    assertThat(after.address().grid()).as("the grid place stays").isEqualTo(before.address().grid());
    assertThat(after.meteringPoints()).as("installation addresses are not moved").isEqualTo(before.meteringPoints());
    assertThat(ok(bed.customers.byId(before.id())).orElseThrow()).isEqualTo(after);

    Row audit = one("SELECT actor, reason, details FROM audit WHERE action = 'customer.rectified' AND subject_id = $1",
        String.valueOf(before.id()));
    assertThat(audit.getString("actor")).isEqualTo("op1001");
    assertThat(audit.getString("reason")).isEqualTo("caller reported a typo");
    JsonObject details = (JsonObject) audit.getValue("details");
    assertThat(details.getString("fields")).isEqualTo("name,phones,address");
    assertThat(details.encode()).doesNotContain("Corrected", "99887766", "Rettet");
    assertThat(one("SELECT data FROM journal WHERE type = 'crm.customer.rectified' AND customer_id = $1",
        String.valueOf(before.id())).getValue("data").toString()).contains("name,phones,address");
    JsonObject event = (JsonObject) one("SELECT payload FROM crm_outbox WHERE type = 'customer.rectified' "
        + "AND aggregate = $1", "customer:" + before.id()).getValue("payload");
    assertThat(event.getJsonObject("customer").getString("name")).isEqualTo("Corrected Name");
  }

  @Test
  void aStaleVersionOrAnUnknownPhoneChangesNothing() throws Exception {
    Customer before = customerWithPhones(1);
    Rectification stale = new Rectification(before.version() + 5, "Other Name", List.of(), List.of(), null,
        "a stale screen");
    assertThat(fails(bed.directory.rectify(before.id(), stale, "op1001")).id()).isEqualTo("stale-customer");
    Rectification unknown = new Rectification(before.version(), "Other Name", List.of(), List.of("+4711122233"), null,
        "wrong number removed");
    assertThat(fails(bed.directory.rectify(before.id(), unknown, "op1001")).id()).isEqualTo("unknown-phone");
    assertThat(ok(bed.customers.byId(before.id())).orElseThrow()).as("rolled back").isEqualTo(before);
    assertThat(fails(bed.directory.rectify(999_999, new Rectification(0, "X", List.of(), List.of(), null, "reason"),
        "op1001")).id()).isEqualTo("no-such-customer");
    assertThat(ok(bed.storage.audit().verify()).intact()).isTrue();
  }

  private static Customer customerWithPhones(int n) throws Exception {
    Row r = one("SELECT customer_id FROM crm_phone GROUP BY customer_id HAVING count(*) = $1 "
        + "AND customer_id NOT IN (SELECT subject_id::bigint FROM audit WHERE action = 'customer.rectified') "
        + "ORDER BY customer_id LIMIT 1", n);
    return ok(bed.customers.byId(r.getLong(0))).orElseThrow();
  }

  private static Row one(String sql, Object arg) throws Exception {
    var rows = ok(bed.storage.pool().preparedQuery(sql).execute(Tuple.of(arg)));
    assertThat(rows.size()).as(sql).isEqualTo(1);
    return rows.iterator().next();
  }
}
