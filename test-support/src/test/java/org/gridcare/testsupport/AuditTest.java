package org.gridcare.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServers
class AuditTest {
  private Storage storage;

  @BeforeEach
  void setUp(Vertx vertx, StorageSettings settings) throws Exception {
    storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    storage.pool().query("TRUNCATE audit").execute().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    storage.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void concurrentAppendsFormOneIntactChain() throws Exception {
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      writes.add(storage.audit().record(AuditEntry.of("sup" + (i % 3), "recording.listened", "recording", "r" + i)
          .because("quality check").details(Map.of("line", i % 3 + 1))));
    }
    Future.all(writes).await(30, TimeUnit.SECONDS);
    Audit.Verification v = storage.audit().verify().await(10, TimeUnit.SECONDS);
    assertThat(v.intact()).as(v.problem()).isTrue();
    assertThat(v.entries()).isEqualTo(40);
  }

  @Test
  void aModifiedEntryIsDetectedAndUpdatesAreRefused() throws Exception {
    seed(5);
    assertThatThrownBy(() -> sql("UPDATE audit SET actor = 'someone-else' WHERE id = (SELECT min(id) + 2 FROM audit)"))
        .hasMessageContaining("append-only");
    sql("ALTER TABLE audit DISABLE TRIGGER audit_no_update");
    sql("UPDATE audit SET reason = 'nothing to see' WHERE id = (SELECT min(id) + 2 FROM audit)");
    Audit.Verification v = storage.audit().verify().await(10, TimeUnit.SECONDS);
    assertThat(v.intact()).isFalse();
    assertThat(v.problem()).contains("modified");
  }

  @Test
  void aDeletedEntryIsDetected() throws Exception {
    seed(5);
    sql("DELETE FROM audit WHERE id = (SELECT min(id) + 1 FROM audit)");
    Audit.Verification v = storage.audit().verify().await(10, TimeUnit.SECONDS);
    assertThat(v.intact()).isFalse();
    assertThat(v.problem()).contains("removed or inserted");
  }

  private void seed(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      storage.audit().record(AuditEntry.of("admin", "user.disabled", "user", "u" + i)).await(10, TimeUnit.SECONDS);
    }
    assertThat(storage.audit().verify().await(10, TimeUnit.SECONDS).intact()).isTrue();
  }

  private void sql(String statement) throws Exception {
    storage.pool().query(statement).execute().await(10, TimeUnit.SECONDS);
  }
}
