package org.gridcare.desktop.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.stream.StreamSupport;
import org.gridcare.desktop.app.AddressBook;
import org.gridcare.desktop.domain.Contact;

/** The address books in {@code desktop_contacts}. */
public final class PgAddressBook implements AddressBook {
  private final Pool pool;

  public PgAddressBook(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Contact>> visibleTo(String operatorId, String query, int limit) {
    String like = query == null || query.isBlank() ? null : "%" + query.strip().toLowerCase() + "%";
    return pool.preparedQuery("SELECT id, owner, name, phone, organisation FROM desktop_contacts"
            + " WHERE (owner IS NULL OR owner = $1)"
            + " AND ($2::text IS NULL OR lower(name) LIKE $2 OR lower(coalesce(organisation, '')) LIKE $2)"
            + " ORDER BY owner NULLS FIRST, name LIMIT $3")
        .execute(Tuple.of(operatorId, like, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PgAddressBook::contact).toList());
  }

  @Override
  public Future<Contact> add(Contact c) {
    return pool.preparedQuery("INSERT INTO desktop_contacts (owner, name, phone, organisation) VALUES ($1, $2, $3, $4)"
            + " RETURNING id, owner, name, phone, organisation")
        .execute(Tuple.of(c.owner(), c.name(), c.phone(), c.organisation()))
        .map(rows -> contact(rows.iterator().next()));
  }

  @Override
  public Future<Boolean> remove(long id, String operatorId) {
    return pool.preparedQuery("DELETE FROM desktop_contacts WHERE id = $1 AND owner = $2").execute(Tuple.of(id, operatorId))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Void> replaceCorporate(List<Contact> contacts) {
    return pool.withTransaction(tx -> tx.query("DELETE FROM desktop_contacts WHERE owner IS NULL").execute()
        .compose(v -> contacts.isEmpty() ? Future.succeededFuture()
            : tx.preparedQuery("INSERT INTO desktop_contacts (owner, name, phone, organisation) VALUES (NULL, $1, $2, $3)")
                .executeBatch(contacts.stream().map(c -> Tuple.of(c.name(), c.phone(), c.organisation())).toList())
                .mapEmpty()))
        .mapEmpty();
  }

  private static Contact contact(Row r) {
    return new Contact(r.getLong("id"), r.getString("owner"), r.getString("name"), r.getString("phone"),
        r.getString("organisation"));
  }
}
