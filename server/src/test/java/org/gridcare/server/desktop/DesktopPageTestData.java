package org.gridcare.server.desktop;

import io.vertx.sqlclient.Row;
import java.util.concurrent.TimeUnit;
import org.gridcare.server.ContactCentre;

/** Sample customers picked for the desktop's browser tests. */
final class DesktopPageTestData {
  private DesktopPageTestData() {}

  /** A sample customer and their name with one letter wrong. */
  record Customer(long id, String name, String misspelt) {}

  /** A private customer whose name nobody else has. */
  static Customer customerWithMisspeltName(ContactCentre cc) throws Exception {
    Row row = cc.storage().pool().query("SELECT c.id, c.name FROM crm_customer c WHERE c.kind = 'private'"
            + " AND length(c.name) >= 9 AND (SELECT count(*) FROM crm_customer o WHERE o.name = c.name) = 1"
            + " ORDER BY c.id LIMIT 1").execute()
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next();
    String name = row.getString("name");
    int i = name.length() - 2;
    String misspelt = name.substring(0, i) + (name.charAt(i) == 'e' ? 'a' : 'e') + name.substring(i + 1);
    return new Customer(row.getLong("id"), name, misspelt);
  }
}
