package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.gridcare.crm.app.IdentityVault;
import org.gridcare.crm.crypto.AesGcmIdentityVault;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.PartyIdentity;

/**
 * The stored identities by key: how many each key holds, re-encryption under the vault's current key, and reading one
 * back (for a reveal that the caller has authorised and audited). Re-encryption works in batches, each its own
 * transaction over rows locked with SKIP LOCKED, so it can be interrupted and run again (it only touches rows not
 * under the current key) while the CRM keeps working. Erased identities (shorter than a sealed value) are left alone.
 */
public final class PgIdentityKeys {
  /** The id reported for values sealed before key ids were recorded. */
  public static final String UNRECORDED = "(unrecorded)";
  private final Pool pool;
  private final IdentityVault vault;

  public PgIdentityKeys(Pool pool, IdentityVault vault) {
    this.pool = pool;
    this.vault = vault;
  }

  public String currentKeyId() {
    return vault.keyId();
  }

  /** Sealed identities per key id, sorted. */
  public Future<TreeMap<String, Long>> status() {
    return pool.preparedQuery("SELECT coalesce(identity_key_id, $1) AS key_id, count(*) AS n FROM crm_customer "
            + "WHERE length(identity_cipher) >= $2 GROUP BY 1")
        .execute(Tuple.of(UNRECORDED, AesGcmIdentityVault.MIN_SEALED))
        .map(rows -> {
          TreeMap<String, Long> out = new TreeMap<>();
          rows.forEach(r -> out.put(r.getString("key_id"), r.getLong("n")));
          return out;
        });
  }

  /** Re-encrypts every identity not under the current key; returns how many it re-encrypted now. */
  public Future<Long> reencrypt(int batch, LongConsumer progress) {
    return rounds(batch, 0, progress);
  }

  private Future<Long> rounds(int batch, long done, LongConsumer progress) {
    return pool.withTransaction(conn -> conn.preparedQuery(
                "SELECT id, kind, identity_cipher, identity_key_id FROM crm_customer "
                    + "WHERE identity_key_id IS DISTINCT FROM $1 AND length(identity_cipher) >= $2 "
                    + "ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED")
            .execute(Tuple.of(vault.keyId(), AesGcmIdentityVault.MIN_SEALED, batch))
            .compose(rows -> {
              List<Tuple> updates = new ArrayList<>();
              for (Row r : rows) {
                PartyIdentity identity = open(r);
                updates.add(Tuple.of(r.getLong("id"), Buffer.buffer(vault.seal(identity)),
                    Buffer.buffer(vault.digest(identity)), vault.keyId()));
              }
              return updates.isEmpty() ? Future.succeededFuture(0L) : conn.preparedQuery(
                      "UPDATE crm_customer SET identity_cipher = $2, identity_digest = $3, identity_key_id = $4 WHERE id = $1")
                  .executeBatch(updates).map((long) updates.size());
            }))
        .compose(n -> {
          if (n == 0) {
            return Future.succeededFuture(done);
          }
          progress.accept(done + n);
          return rounds(batch, done + n, progress);
        });
  }

  /** A customer's identity in clear; empty when there is no such customer or it was erased. */
  public Future<Optional<PartyIdentity>> reveal(long customerId) {
    return pool.preparedQuery("SELECT kind, identity_cipher, identity_key_id FROM crm_customer WHERE id = $1 "
            + "AND length(identity_cipher) >= $2")
        .execute(Tuple.of(customerId, AesGcmIdentityVault.MIN_SEALED))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(open(rows.iterator().next())));
  }

  private PartyIdentity open(Row r) {
    return vault.open(r.getBuffer("identity_cipher").getBytes(), r.getString("identity_key_id"),
        CustomerKind.of(r.getString("kind")));
  }
}
