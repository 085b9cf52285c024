package org.gridcare.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.privacy.Db.await;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.gridcare.config.ConfigLoader;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.ProcessingActivity;
import org.gridcare.privacy.domain.ProcessingRecords;
import org.gridcare.privacy.yaml.YamlProcessingRecords;
import org.gridcare.server.cli.ContactCentreCommand;
import org.gridcare.server.TestCentre;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of processing activities cannot drift from what the system stores: docs/PRIVACY.md is exactly the
 * output of {@code privacy record}, every category of personal data is produced by an activity and has a retention
 * rule, and every column of the real schema that holds personal data belongs to a declared category.
 */
@RealServers
class ProcessingRecordTest {
  private static final Path ROOT = TestCentre.repoRoot();

  /**
   * Columns that hold personal data although their names do not say so (free text, payloads, audit actors); the
   * name-based scan below finds phones, customer ids, names, streets and identities by itself.
   */
  private static final Set<String> FREE_TEXT_PERSONAL = Set.of("notify_sms.body", "crm_ticket.subject",
      "crm_ticket.description", "crm_ticket_note.body", "crm_ticket_transition.reason", "crm_outbox.payload",
      "audit.actor", "audit.subject_id", "audit.reason", "crm_meter_reading.kwh", "crm_meter_reading.gsrn",
      "privacy_legal_hold.reason");
  /** Columns whose names look personal but hold reference data, staff accounts or counts (campaign exclusions). */
  private static final Set<String> NOT_CUSTOMER_DATA = Set.of("crm_grid_area.name", "users.username",
      "notify_campaign.excluded", "crm_customer.identity_key_id" /* which key sealed the ID, not the ID */);

  @Test
  void docsPrivacyMdIsExactlyThePrivacyRecordCommandOutput(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("contact-centre.yaml");
    Files.writeString(config, Files.readString(ROOT.resolve("config/contact-centre.yaml"))
        .replace("records-file: config/privacy.yaml", "records-file: " + ROOT.resolve("config/privacy.yaml")));
    String printed = run("privacy", "record", "--config", config.toString());
    String docs = Files.readString(ROOT.resolve("docs/PRIVACY.md"));
    if (!printed.equals(docs)) {
      Files.writeString(Path.of("target/PRIVACY.md"), printed); // to compare, or to copy after a deliberate change
    }
    assertThat(docs).as("docs/PRIVACY.md is stale: ./contact-centre privacy record > docs/PRIVACY.md "
        + "(the expected text is in server/target/PRIVACY.md)").isEqualTo(printed);
  }

  @Test
  void everyCategoryHasAnActivityAndARetentionRule() {
    ProcessingRecords records = YamlProcessingRecords.load(ROOT.resolve("config/privacy.yaml"),
        ConfigLoader.load(ROOT.resolve("config/contact-centre.yaml")).recordings());
    Set<Category> produced = new HashSet<>();
    records.activities().forEach(a -> produced.addAll(a.categories()));
    for (Category c : Category.values()) {
      assertThat(produced).as("an activity producing " + c.id()).contains(c);
      var p = records.policy(c);
      assertThat(p).as("retention of " + c.id()).isNotNull();
      assertThat(p.retention() != null || p.rule().id().equals("on-request")).as(c.id() + " has a period").isTrue();
    }
    assertThat(records.activities()).extracting(ProcessingActivity::id).contains("telephone-reception",
        "customer-file", "customer-inquiries", "meter-reading", "fault-reports", "outage-notification",
        "grid-connection", "call-recording", "voicemail", "customer-surveys", "access-audit");
  }

  @Test
  void everyColumnHoldingPersonalDataBelongsToADeclaredCategory(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = await(Storage.start(vertx, settings));
    try {
      Db db = new Db(storage.pool());
      Set<String> schema = new TreeSet<>(db.strings("SELECT table_name || '.' || column_name FROM "
          + "information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'flyway%'"));
      Set<String> declared = new TreeSet<>();
      for (Category c : Category.values()) {
        c.stores().stream().filter(s -> s.matches("[a-z_0-9]+\\.[a-z_0-9]+")).forEach(declared::add);
      }
      assertThat(schema).as("every declared store is a real column").containsAll(declared);

      List<String> personal = new ArrayList<>();
      for (String column : schema) {
        String name = column.substring(column.indexOf('.') + 1);
        boolean byName = name.matches(".*(phone|e164|customer_id|identity|street|national).*") || name.equals("name");
        if ((byName || FREE_TEXT_PERSONAL.contains(column)) && !NOT_CUSTOMER_DATA.contains(column)) {
          personal.add(column);
        }
      }
      assertThat(personal).as("personal data found in the schema").contains("journal.phone", "crm_phone.e164",
          "crm_customer.identity_cipher", "rec_recording.customer_phone", "notify_opt_out.phone");
      assertThat(declared).as("columns with personal data but no category (add them to a Category and to "
          + "config/privacy.yaml)").containsAll(personal);
    } finally {
      await(storage.close());
    }
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = new picocli.CommandLine(new ContactCentreCommand()).execute(args);
      assertThat(code).isZero();
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }
}
