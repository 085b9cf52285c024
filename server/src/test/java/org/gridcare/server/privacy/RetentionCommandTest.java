package org.gridcare.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.privacy.Db.await;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.gridcare.server.TestCentre;
import org.gridcare.server.cli.ContactCentreCommand;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./contact-centre retention run [--dry-run]} as an administrator runs it: a table per category, then the change. */
@RealServers
class RetentionCommandTest {

  @Test
  void dryRunPrintsWhatWouldGoAndTheRunRemovesIt(Vertx vertx, StorageSettings settings, @TempDir Path dir)
      throws Exception {
    Path root = TestCentre.repoRoot();
    Path config = dir.resolve("contact-centre.yaml");
    Files.writeString(config, Files.readString(root.resolve("config/contact-centre.yaml"))
        .replace("storage:\n  # No postgres-url / redis-url: the server starts its own PostgreSQL and Redis with data under data-dir.\n"
            + "  data-dir: data\n", "storage:\n  postgres-url: " + settings.postgresUrl() + "\n  postgres-user: "
            + settings.postgresUser() + "\n  redis-url: " + settings.redisUrl() + "\n  data-dir: " + dir.resolve("data") + "\n")
        .replace("records-file: config/privacy.yaml", "records-file: " + root.resolve("config/privacy.yaml"))
        .replace("  monitor-dir: data/monitor\n  store-dir: data/recordings\n  archive-dir: data/archive\n",
            "  monitor-dir: " + dir.resolve("monitor") + "\n  store-dir: " + dir.resolve("store") + "\n  archive-dir: "
                + dir.resolve("archive") + "\n"));
    Storage storage = await(Storage.start(vertx, settings));
    Db db = new Db(storage.pool());
    Instant old = Instant.now().minus(Duration.ofDays(800));
    try {
      db.sql("INSERT INTO journal (at, type, call_id, phone, customer_id) VALUES ($1, 'acd.call.queued', 'c-1', "
          + "'+4790000001', '5'), (now(), 'acd.call.queued', 'c-2', '+4790000002', '6')", old);

      String dry = run("retention", "run", "--dry-run", "--config", config.toString());
      assertThat(dry).contains("Dry run: nothing changed.").containsPattern("call-journal\\s+anonymise\\s+730 days\\s+1  "
          + old.toString().substring(0, 10)).containsPattern("customer-file\\s+on-request\\s+-\\s+-")
          .containsPattern("audit\\s+delete\\s+1825 days");
      assertThat(db.count("SELECT count(*) FROM journal WHERE phone IS NOT NULL")).isEqualTo(2);

      String done = run("retention", "run", "--config", config.toString());
      assertThat(done).containsPattern("call-journal\\s+anonymise\\s+730 days\\s+1  ");
      assertThat(db.strings("SELECT call_id FROM journal WHERE phone IS NOT NULL")).containsExactly("c-2");
      assertThat(db.strings("SELECT actor FROM audit WHERE action = 'retention.applied'")).singleElement()
          .asString().startsWith("cli:");
    } finally {
      await(storage.close());
    }
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(new CommandLine(new ContactCentreCommand()).execute(args)).isZero();
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }
}
