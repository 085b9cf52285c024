package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.app.IdentityVault;
import org.gridcare.crm.domain.CustomerDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the demo population into an empty CRM, in one transaction (all or nothing). */
public final class PgSampleData {
  private static final Logger LOG = LoggerFactory.getLogger(PgSampleData.class);

  private PgSampleData() {}

  /** Returns how many customers were loaded (0 when the CRM already had customers). */
  public static Future<Integer> loadIfEmpty(Pool pool, IdentityVault vault, int count, long seed) {
    PgCustomers customers = new PgCustomers(pool, vault);
    return customers.count().compose(n -> {
      if (n > 0) {
        return Future.succeededFuture(0);
      }
      List<CustomerDraft> drafts = SampleCustomers.generate(count, seed);
      return pool.withTransaction(tx -> {
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < drafts.size(); from += PgCustomerImport.CHUNK) {
          List<CustomerDraft> chunk = drafts.subList(from, Math.min(drafts.size(), from + PgCustomerImport.CHUNK));
          chain = chain.compose(x -> customers.insertAll(tx, chunk));
        }
        return chain;
      }).map(x -> {
        LOG.info("Loaded {} sample customers into the CRM", count);
        return count;
      });
    });
  }
}
