package org.gridcare.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.crypto.AesGcmIdentityVault;
import org.gridcare.crm.crypto.IdentityKeys;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.pg.PgCustomers;
import org.gridcare.crm.pg.PgIdentityKeys;
import org.gridcare.server.cli.CliRun;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./contact-centre keys rotate} on a real PostgreSQL: a rotation interrupted after its first batch leaves values
 * under the new and the retired key side by side (both open, both found by identity), {@code --resume} finishes it,
 * running it again changes nothing, and afterwards the retired key alone opens nothing.
 */
@RealServers
class KeyRotationTest {

  @Test
  void rotationReencryptsEveryIdentityResumablyAndIdempotently(Vertx vertx, StorageSettings settings, @TempDir Path dir)
      throws Exception {
    Path config = config(dir, settings);
    Path data = dir.resolve("data");
    Storage storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    try {
      List<CustomerDraft> drafts = SampleCustomers.generate(30, 2026);
      Path csv = Files.writeString(dir.resolve("customers.csv"), CrmModule.sampleCsv(30));
      assertThat(CliRun.run("import", "customers", csv.toString(), "--config", config.toString()).code()).isZero();
      IdentityKeys first = IdentityKeys.load(data, Map.of());
      // Five rows as sealed before key ids were recorded, and one erased identity (left alone by rotation).
      exec(storage, "UPDATE crm_customer SET identity_key_id = NULL WHERE id IN (SELECT id FROM crm_customer ORDER BY id LIMIT 5)");
      exec(storage, "UPDATE crm_customer SET identity_cipher = '\\x00'::bytea WHERE id = (SELECT max(id) FROM crm_customer)");
      Map<Long, byte[]> before = ciphers(storage);

      CliRun status = CliRun.run("keys", "status", "--config", config.toString());
      assertThat(status.out()).contains("current key " + first.currentId())
          .containsPattern(first.currentId() + " +24 identities \\(current\\)")
          .containsPattern(java.util.regex.Pattern.quote(PgIdentityKeys.UNRECORDED) + " +5 identities");

      // A rotation that dies after its first batch of 7.
      var cfg = ConfigLoader.load(config, new HashMap<>());
      PgIdentityKeys rotating = CrmModule.identityKeys(vertx, cfg, storage, true).await(30, TimeUnit.SECONDS);
      IdentityKeys second = IdentityKeys.load(data, Map.of());
      assertThat(second.currentId()).isNotEqualTo(first.currentId());
      assertThat(second.retired()).hasSize(1);
      assertThatThrownBy(() -> rotating.reencrypt(7, n -> {
        throw new IllegalStateException("killed after " + n);
      }).await(30, TimeUnit.SECONDS)).hasMessageContaining("killed after 7");
      assertThat(rotating.status().await(30, TimeUnit.SECONDS)).containsEntry(second.currentId(), 7L);

      AesGcmIdentityVault both = new AesGcmIdentityVault(second);
      PgCustomers customers = new PgCustomers(storage.pool(), both);
      PgIdentityKeys reader = new PgIdentityKeys(storage.pool(), both);
      for (CustomerDraft d : drafts.subList(0, 29)) {
        var found = customers.byIdentity(d.identity()).await(30, TimeUnit.SECONDS);
        assertThat(found).as("found by identity mid-rotation: " + d.name()).isPresent();
        assertThat(reader.reveal(found.get().id()).await(30, TimeUnit.SECONDS)).contains(d.identity());
      }

      CliRun resumed = CliRun.run("keys", "rotate", "--resume", "--config", config.toString());
      assertThat(resumed.code()).as(resumed.err()).isZero();
      assertThat(resumed.out()).contains("re-encrypted 22 identities")
          .containsPattern(second.currentId() + " +29 identities \\(current\\)")
          .contains("Every stored identity is under the current key");
      CliRun again = CliRun.run("keys", "rotate", "--resume", "--config", config.toString());
      assertThat(again.out()).contains("re-encrypted 0 identities");

      Map<Long, byte[]> after = ciphers(storage);
      long maxId = after.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      after.forEach((id, cipher) -> {
        if (id == maxId) {
          assertThat(cipher).as("the erased identity is left alone").isEqualTo(before.get(id));
        } else {
          assertThat(cipher).as("customer " + id + " re-encrypted").isNotEqualTo(before.get(id));
        }
      });
      AesGcmIdentityVault newOnly = new AesGcmIdentityVault(second.current(), List.of());
      AesGcmIdentityVault oldOnly = new AesGcmIdentityVault(first.current(), List.of());
      for (CustomerDraft d : drafts.subList(0, 29)) {
        var found = new PgCustomers(storage.pool(), newOnly).byIdentity(d.identity()).await(30, TimeUnit.SECONDS);
        assertThat(found).as("found with the new key alone").isPresent();
        assertThat(new PgIdentityKeys(storage.pool(), newOnly).reveal(found.get().id()).await(30, TimeUnit.SECONDS))
            .contains(d.identity());
        assertThat(new PgCustomers(storage.pool(), oldOnly).byIdentity(d.identity()).await(30, TimeUnit.SECONDS))
            .as("the retired key's digest matches nothing").isEmpty();
      }
      assertThatThrownBy(() -> new PgIdentityKeys(storage.pool(), oldOnly).reveal(1).await(30, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class);
      long audited = Long.parseLong(scalar(storage, "SELECT count(*) FROM audit WHERE action = 'identity-key.rotated' "
          + "AND subject_id = '" + second.currentId() + "'"));
      assertThat(audited).isEqualTo(2);
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void withTheKeyInTheEnvironmentRotateOnlyReencryptsToIt(@TempDir Path dir) {
    IdentityKeys fromEnv = new IdentityKeys(IdentityKeys.newKey(), List.of(), true);
    assertThatThrownBy(() -> fromEnv.rotateFiles(dir)).hasMessageContaining(IdentityKeys.RETIRED_ENV);
    assertThat(dir.resolve(IdentityKeys.FILE)).doesNotExist();
  }

  private static Map<Long, byte[]> ciphers(Storage storage) throws Exception {
    Map<Long, byte[]> out = new HashMap<>();
    for (Row r : storage.pool().query("SELECT id, identity_cipher FROM crm_customer").execute().await(30, TimeUnit.SECONDS)) {
      out.put(r.getLong("id"), r.getBuffer("identity_cipher").getBytes());
    }
    return out;
  }

  private static void exec(Storage storage, String sql) throws Exception {
    storage.pool().query(sql).execute().await(30, TimeUnit.SECONDS);
  }

  private static String scalar(Storage storage, String sql) throws Exception {
    return String.valueOf(storage.pool().query(sql).execute().await(30, TimeUnit.SECONDS).iterator().next().getValue(0));
  }

  /** The shipped configuration with storage pointed at the test's real servers and data in a scratch directory. */
  static Path config(Path dir, StorageSettings s) throws Exception {
    String shipped = Files.readString(Path.of("../config/contact-centre.yaml"));
    String storage = "  data-dir: " + dir.resolve("data") + "\n  postgres-url: " + s.postgresUrl() + "\n  postgres-user: "
        + s.postgresUser() + "\n  redis-url: " + s.redisUrl() + "\n";
    String patched = shipped.replaceFirst("(?m)^  data-dir: data\\n", java.util.regex.Matcher.quoteReplacement(storage));
    assertThat(patched).isNotEqualTo(shipped);
    return Files.writeString(dir.resolve("contact-centre.yaml"), patched);
  }
}
