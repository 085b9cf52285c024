package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gridcare.crm.app.Customers;
import org.gridcare.crm.app.GridSelector;
import org.gridcare.crm.app.IdentityVault;
import org.gridcare.crm.app.NotifiableContact;
import org.gridcare.crm.app.Views;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.CustomerMatch;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeteringPoint;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Phone;
import org.gridcare.crm.domain.Rectification;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/**
 * Customers in PostgreSQL. A customer loads in one statement (phones and metering points aggregated as JSON), so
 * the screen pop costs one round trip. The identity is stored sealed by the {@link IdentityVault} and never read
 * back here: only its last two digits, for the masked form.
 */
public final class PgCustomers implements Customers {
  private static final String SELECT = "SELECT c.id, c.number, c.kind, c.name, c.identity_last2, c.version, "
      + "a.street, a.postcode, a.city, a.area_code, a.substation, a.feeder, "
      + "(SELECT coalesce(json_agg(json_build_object('e164', p.e164, 'mobile', p.mobile, 'consent', p.notify_consent) "
      + "   ORDER BY p.position), '[]'::json) FROM crm_phone p WHERE p.customer_id = c.id) AS phones, "
      + "(SELECT coalesce(json_agg(json_build_object('gsrn', m.gsrn, 'meter', m.meter_number, 'street', ma.street, "
      + "   'postcode', ma.postcode, 'city', ma.city, 'area', ma.area_code, 'substation', ma.substation, "
      + "   'feeder', ma.feeder) ORDER BY m.gsrn), '[]'::json) "
      + "   FROM crm_metering_point m JOIN crm_address ma ON ma.id = m.address_id WHERE m.customer_id = c.id) AS points "
      + "FROM crm_customer c JOIN crm_address a ON a.id = c.address_id ";

  private final Pool pool;
  private final IdentityVault vault;
  private final PgOutbox outbox;

  public PgCustomers(Pool pool, IdentityVault vault) {
    this(pool, vault, false);
  }

  /** {@code external}: changes are also written to the outbox for the external CRM. */
  public PgCustomers(Pool pool, IdentityVault vault, boolean external) {
    this.pool = pool;
    this.vault = vault;
    this.outbox = new PgOutbox(external);
  }

  @Override
  public Future<Customer> create(CustomerDraft d) {
    return pool.withTransaction(conn -> insert(conn, d))
        .compose(this::byId)
        .map(Optional::get)
        .recover(e -> Sql.translate(e, Map.of(
            "crm_customer_identity_digest_key", DomainException.conflict("duplicate-identity",
                "A customer with this " + (d.kind() == CustomerKind.PRIVATE ? "national ID" : "organisation number")
                    + " is already registered"),
            "crm_metering_point_pkey", DomainException.conflict("duplicate-gsrn",
                "One of the metering points already belongs to a customer"))));
  }

  /** Inserts one customer inside the caller's transaction (the importer and the sample loader use {@link #insertAll}). */
  Future<Long> insert(SqlClient conn, CustomerDraft d) {
    return ensureArea(conn, d.address().grid()).compose(v -> insertAddress(conn, d.address())).compose(addressId -> conn
        .preparedQuery("INSERT INTO crm_customer (kind, name, identity_cipher, identity_digest, identity_last2, address_id, "
            + "identity_key_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .execute(Tuple.of(d.kind().id(), d.name(), Buffer.buffer(vault.seal(d.identity())),
            Buffer.buffer(vault.digest(d.identity())), d.identity().lastTwo(), addressId, vault.keyId()))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> insertPhones(conn, id, d.phones())
            .compose(x -> insertPoints(conn, id, addressId, d.address(), d.meteringPoints()))
            .map(id)));
  }

  /**
   * Inserts many customers inside the caller's transaction with one statement per table, the rows passed as arrays
   * ({@code unnest}): the ids are drawn from the tables' sequences first, so rows can reference each other without a
   * round trip per customer. Customer numbers are given in list order.
   */
  Future<Void> insertAll(SqlClient conn, List<CustomerDraft> drafts) {
    if (drafts.isEmpty()) {
      return Future.succeededFuture();
    }
    int addressCount = 0;
    for (CustomerDraft d : drafts) {
      addressCount++;
      for (MeteringPoint mp : d.meteringPoints()) {
        addressCount += mp.address().equals(d.address()) ? 0 : 1;
      }
    }
    int addresses = addressCount;
    return ids(conn, "crm_address", addresses).compose(addressIds -> ids(conn, "crm_customer", drafts.size())
        .compose(customerIds -> {
          java.util.Set<String> areas = new java.util.LinkedHashSet<>();
          Columns address = new Columns(7);
          Columns customer = new Columns(8);
          Columns phone = new Columns(5);
          Columns point = new Columns(4);
          int a = 0;
          for (int i = 0; i < drafts.size(); i++) {
            CustomerDraft d = drafts.get(i);
            long customerId = customerIds[i];
            long postalId = addressIds[a++];
            addAddress(address, postalId, d.address());
            areas.add(d.address().grid().area());
            customer.add(customerId, d.kind().id(), d.name(), Buffer.buffer(vault.seal(d.identity())),
                Buffer.buffer(vault.digest(d.identity())), d.identity().lastTwo(), postalId, vault.keyId());
            for (int p = 0; p < d.phones().size(); p++) {
              Phone ph = d.phones().get(p);
              phone.add(customerId, ph.e164(), ph.mobile(), ph.notifyConsent(), p);
            }
            for (MeteringPoint mp : d.meteringPoints()) {
              long pointAddress = postalId;
              if (!mp.address().equals(d.address())) {
                pointAddress = addressIds[a++];
                addAddress(address, pointAddress, mp.address());
                areas.add(mp.address().grid().area());
              }
              point.add(mp.gsrn().value(), customerId, mp.meterNumber(), pointAddress);
            }
          }
          return conn.preparedQuery("INSERT INTO crm_grid_area (code, name) SELECT c, c FROM unnest($1::text[]) AS c "
                  + "ON CONFLICT DO NOTHING").execute(Tuple.of(areas.toArray(new String[0])))
              .compose(x -> conn.preparedQuery("INSERT INTO crm_address (id, street, postcode, city, area_code, "
                  + "substation, feeder) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], "
                  + "$5::text[], $6::text[], $7::text[])").execute(address.tuple(Long[]::new, String[]::new,
                      String[]::new, String[]::new, String[]::new, String[]::new, String[]::new)))
              .compose(x -> conn.preparedQuery("INSERT INTO crm_customer (id, kind, name, identity_cipher, "
                  + "identity_digest, identity_last2, address_id, identity_key_id) SELECT * FROM unnest($1::bigint[], "
                  + "$2::text[], $3::text[], $4::bytea[], $5::bytea[], $6::text[], $7::bigint[], $8::text[])")
                  .execute(customer.tuple(Long[]::new, String[]::new, String[]::new, Buffer[]::new, Buffer[]::new,
                      String[]::new, Long[]::new, String[]::new)))
              .compose(x -> conn.preparedQuery("INSERT INTO crm_phone (customer_id, e164, mobile, notify_consent, "
                  + "position) SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::boolean[], $5::int[])")
                  .execute(phone.tuple(Long[]::new, String[]::new, Boolean[]::new, Boolean[]::new, Integer[]::new)))
              .compose(x -> conn.preparedQuery("INSERT INTO crm_metering_point (gsrn, customer_id, meter_number, "
                  + "address_id) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[])")
                  .execute(point.tuple(String[]::new, Long[]::new, String[]::new, Long[]::new)))
              .mapEmpty();
        }));
  }

  private static void addAddress(Columns columns, long id, Address a) {
    columns.add(id, a.street(), a.postcode(), a.city(), a.grid().area(), a.grid().substation(), a.grid().feeder());
  }

  /** Rows collected column by column, bound as one array parameter per column. */
  private static final class Columns {
    private final List<List<Object>> columns = new ArrayList<>();

    Columns(int count) {
      for (int i = 0; i < count; i++) {
        columns.add(new ArrayList<>());
      }
    }

    void add(Object... row) {
      for (int i = 0; i < row.length; i++) {
        columns.get(i).add(row[i]);
      }
    }

    @SafeVarargs
    final Tuple tuple(java.util.function.IntFunction<? extends Object[]>... arrays) {
      Tuple t = Tuple.tuple();
      for (int i = 0; i < arrays.length; i++) {
        t.addValue(columns.get(i).toArray(arrays[i].apply(0)));
      }
      return t;
    }
  }

  /** {@code n} fresh ids of a table's bigserial {@code id}. */
  private static Future<long[]> ids(SqlClient conn, String table, int n) {
    return conn.preparedQuery("SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)")
        .execute(Tuple.of(table, n))
        .map(rows -> {
          long[] out = new long[n];
          int i = 0;
          for (Row r : rows) {
            out[i++] = r.getLong(0);
          }
          return out;
        });
  }

  private Future<Void> ensureArea(SqlClient conn, GridLocation grid) {
    return conn.preparedQuery("INSERT INTO crm_grid_area (code, name) VALUES ($1, $1) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(grid.area())).mapEmpty();
  }

  private static Future<Long> insertAddress(SqlClient conn, Address a) {
    return conn.preparedQuery("INSERT INTO crm_address (street, postcode, city, area_code, substation, feeder) "
            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .execute(Tuple.of(a.street(), a.postcode(), a.city(), a.grid().area(), a.grid().substation(), a.grid().feeder()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<Void> insertPhones(SqlClient conn, long customerId, List<Phone> phones) {
    if (phones.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < phones.size(); i++) {
      Phone p = phones.get(i);
      batch.add(Tuple.of(customerId, p.e164(), p.mobile(), p.notifyConsent(), i));
    }
    return conn.preparedQuery("INSERT INTO crm_phone (customer_id, e164, mobile, notify_consent, position) "
        + "VALUES ($1, $2, $3, $4, $5)").executeBatch(batch).mapEmpty();
  }

  private Future<Void> insertPoints(SqlClient conn, long customerId, long postalAddressId, Address postal,
      List<MeteringPoint> points) {
    Future<Void> chain = Future.succeededFuture();
    for (MeteringPoint mp : points) {
      chain = chain.compose(v -> (mp.address().equals(postal) ? Future.succeededFuture(postalAddressId)
              : ensureArea(conn, mp.address().grid()).compose(x -> insertAddress(conn, mp.address())))
          .compose(addressId -> conn.preparedQuery(
                  "INSERT INTO crm_metering_point (gsrn, customer_id, meter_number, address_id) VALUES ($1, $2, $3, $4)")
              .execute(Tuple.of(mp.gsrn().value(), customerId, mp.meterNumber(), addressId)))
          .mapEmpty());
    }
    return chain;
  }

  /** Adds one metering point with its own installation address, inside the caller's transaction. */
  Future<Void> insertPoint(SqlClient conn, long customerId, MeteringPoint mp) {
    return ensureArea(conn, mp.address().grid()).compose(x -> insertAddress(conn, mp.address()))
        .compose(addressId -> conn.preparedQuery(
                "INSERT INTO crm_metering_point (gsrn, customer_id, meter_number, address_id) VALUES ($1, $2, $3, $4)")
            .execute(Tuple.of(mp.gsrn().value(), customerId, mp.meterNumber(), addressId)))
        .mapEmpty();
  }

  @Override
  public Future<Optional<Customer>> byId(long id) {
    return one("WHERE c.id = $1", Tuple.of(id));
  }

  @Override
  public Future<Optional<Customer>> byNumber(String customerNumber) {
    return one("WHERE c.number = $1", Tuple.of(customerNumber));
  }

  @Override
  public Future<List<Customer>> byPhone(String e164) {
    return many("WHERE c.id IN (SELECT customer_id FROM crm_phone WHERE e164 = $1) ORDER BY c.id", Tuple.of(e164));
  }

  @Override
  public Future<Optional<Customer>> byGsrn(Gsrn gsrn) {
    return one("WHERE c.id = (SELECT customer_id FROM crm_metering_point WHERE gsrn = $1)", Tuple.of(gsrn.value()));
  }

  @Override
  public Future<Optional<Customer>> byIdentity(PartyIdentity identity) {
    return one("WHERE c.identity_digest = ANY($1)", Tuple.of(
        vault.lookupDigests(identity).stream().map(Buffer::buffer).toArray(Buffer[]::new)));
  }

  @Override
  public Future<List<CustomerMatch>> searchByName(String text, int limit) {
    // word_similarity finds "Jon Hansen" in "Jonas Hansen AS"; the % operator uses the trigram index.
    String q = text.strip().toLowerCase();
    return pool.preparedQuery("SELECT c.id, c.number, c.kind, c.name, c.identity_last2, a.city, "
            + "greatest(similarity(lower(c.name), $1), word_similarity($1, lower(c.name))) AS score "
            + "FROM crm_customer c JOIN crm_address a ON a.id = c.address_id "
            + "WHERE lower(c.name) % $1 OR $1 <% lower(c.name) ORDER BY score DESC, c.id LIMIT $2")
        .execute(Tuple.of(q, limit))
        .map(rows -> {
          List<CustomerMatch> out = new ArrayList<>();
          for (Row r : rows) {
            CustomerKind kind = CustomerKind.of(r.getString("kind"));
            out.add(new CustomerMatch(r.getLong("id"), r.getString("number"), kind, r.getString("name"),
                masked(kind, r.getString("identity_last2")), r.getString("city"), r.getDouble("score")));
          }
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<NotifiableContact>> notifiable(GridSelector s) {
    // A customer is affected when their postal address or any of their metering points lies in the selection.
    String inArea = "((($1::text IS NOT NULL OR $2::text IS NOT NULL OR $3::text IS NOT NULL) "
        + "AND ($1::text IS NULL OR a.area_code = $1) AND ($2::text IS NULL OR a.substation = $2) "
        + "AND ($3::text IS NULL OR a.feeder = $3)) OR a.postcode = ANY($4))";
    String sql = "SELECT DISTINCT c.id, c.number, p.e164, p.mobile FROM crm_customer c "
        + "JOIN crm_phone p ON p.customer_id = c.id AND p.notify_consent "
        + "WHERE EXISTS (SELECT 1 FROM crm_address a WHERE a.id = c.address_id AND " + inArea + ") "
        + "OR EXISTS (SELECT 1 FROM crm_metering_point m JOIN crm_address a ON a.id = m.address_id "
        + "WHERE m.customer_id = c.id AND " + inArea + ") ORDER BY c.id, p.e164";
    return pool.preparedQuery(sql)
        .execute(Tuple.of(s.area(), s.substation(), s.feeder(), s.postcodes().toArray(new String[0])))
        .map(rows -> {
          List<NotifiableContact> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new NotifiableContact(r.getLong("id"), r.getString("number"), r.getString("e164"), r.getBoolean("mobile")));
          }
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<NotifiableContact>> notifiableByNumbers(List<String> customerNumbers) {
    return pool.preparedQuery("SELECT c.id, c.number, p.e164, coalesce(p.mobile, false) AS mobile FROM crm_customer c "
            + "LEFT JOIN crm_phone p ON p.customer_id = c.id AND p.notify_consent WHERE c.number = ANY($1) "
            + "ORDER BY c.id, p.e164")
        .execute(Tuple.of(customerNumbers.toArray(new String[0])))
        .map(rows -> {
          List<NotifiableContact> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new NotifiableContact(r.getLong("id"), r.getString("number"), r.getString("e164"), r.getBoolean("mobile")));
          }
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<Long> debtCents(long customerId) {
    return pool.preparedQuery("SELECT debt_cents FROM crm_customer WHERE id = $1").execute(Tuple.of(customerId))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.notFound("no-such-customer", "No customer " + customerId);
          }
          return rows.iterator().next().getLong(0);
        });
  }

  @Override
  public Future<Long> count() {
    return pool.query("SELECT count(*) FROM crm_customer").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * One transaction holding the customer's row lock: checks the version, applies the correction (a shared postal
   * address row is replaced, not edited, so metering points keep their installation address), bumps the version,
   * journals {@code crm.customer.rectified} (field names only), writes {@code customer.rectified} to the outbox, and
   * runs {@code beforeCommit} (the audit), whose failure rolls the correction back.
   */
  @Override
  public Future<Customer> rectify(long id, Rectification r, Instant at, Function<Customer, Future<Void>> beforeCommit) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT version, address_id FROM crm_customer WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .compose(rows -> {
              if (rows.size() == 0) {
                throw DomainException.notFound("no-such-customer", "No customer " + id);
              }
              Row row = rows.iterator().next();
              if (row.getInteger("version") != r.version()) {
                throw DomainException.conflict("stale-customer", "Customer " + id + " was changed meanwhile (version "
                    + row.getInteger("version") + ", yours " + r.version() + "); reload and correct again");
              }
              long addressId = row.getLong("address_id");
              return (r.name() == null ? Future.<Void>succeededFuture() : tx.preparedQuery(
                      "UPDATE crm_customer SET name = $2 WHERE id = $1").execute(Tuple.of(id, r.name())).<Void>mapEmpty())
                  .compose(v -> r.address() == null ? Future.<Void>succeededFuture() : readdress(tx, id, addressId, r))
                  .compose(v -> rephone(tx, id, r))
                  .compose(v -> tx.preparedQuery("UPDATE crm_customer SET version = version + 1, updated_at = $2 "
                      + "WHERE id = $1").execute(Tuple.of(id, Sql.ts(at))))
                  .compose(v -> many(tx, "WHERE c.id = $1", Tuple.of(id)))
                  .map(list -> list.get(0));
            })
            .compose(c -> PgJournal.append(tx, JournalEntry.of("crm.customer.rectified").customer(String.valueOf(id))
                    .data(Map.of("fields", String.join(",", r.fields()), "version", c.version())).at(at))
                .compose(v -> outbox.add(tx, "customer.rectified", "customer:" + id, new JsonObject()
                    .put("fields", new JsonArray(r.fields())).put("customer", Views.customer(c, true)), at))
                .compose(v -> beforeCommit.apply(c))
                .map(c)))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private Future<Void> readdress(SqlClient tx, long customerId, long addressId, Rectification r) {
    return tx.preparedQuery("SELECT a.street, a.postcode, a.city, a.area_code, a.substation, a.feeder, "
            + "EXISTS (SELECT 1 FROM crm_metering_point m WHERE m.address_id = a.id) AS shared "
            + "FROM crm_address a WHERE a.id = $1").execute(Tuple.of(addressId))
        .compose(rows -> {
          Row a = rows.iterator().next();
          Address next = r.address().applyTo(new Address(a.getString("street"), a.getString("postcode"),
              a.getString("city"), new GridLocation(a.getString("area_code"), a.getString("substation"),
                  a.getString("feeder"))));
          Future<Void> area = ensureArea(tx, next.grid());
          if (a.getBoolean("shared")) {
            return area.compose(v -> insertAddress(tx, next)).compose(newId -> tx.preparedQuery(
                "UPDATE crm_customer SET address_id = $2 WHERE id = $1").execute(Tuple.of(customerId, newId))).mapEmpty();
          }
          return area.compose(v -> tx.preparedQuery("UPDATE crm_address SET street = $2, postcode = $3, city = $4, "
                  + "area_code = $5, substation = $6, feeder = $7 WHERE id = $1")
              .execute(Tuple.of(addressId, next.street(), next.postcode(), next.city(), next.grid().area(),
                  next.grid().substation(), next.grid().feeder()))).mapEmpty();
        });
  }

  /** Removes the numbers named (each must be the customer's) and appends the new ones; other phones keep their flags. */
  private static Future<Void> rephone(SqlClient tx, long customerId, Rectification r) {
    if (r.addPhones().isEmpty() && r.removePhones().isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("SELECT e164, position FROM crm_phone WHERE customer_id = $1").execute(Tuple.of(customerId))
        .compose(rows -> {
          java.util.Set<String> have = new java.util.HashSet<>();
          int last = -1;
          for (Row p : rows) {
            have.add(p.getString("e164"));
            last = Math.max(last, p.getInteger("position"));
          }
          for (String e164 : r.removePhones()) {
            if (!have.contains(e164)) {
              throw DomainException.invalid("unknown-phone", "phones.remove: a number the customer does not have");
            }
          }
          for (Phone p : r.addPhones()) {
            if (have.contains(p.e164())) {
              throw DomainException.invalid("duplicate-phone", "phones.add: a number the customer already has");
            }
          }
          List<Tuple> added = new ArrayList<>();
          for (Phone p : r.addPhones()) {
            added.add(Tuple.of(customerId, p.e164(), p.mobile(), p.notifyConsent(), ++last));
          }
          Future<Void> removed = r.removePhones().isEmpty() ? Future.succeededFuture() : tx.preparedQuery(
                  "DELETE FROM crm_phone WHERE customer_id = $1 AND e164 = ANY($2)")
              .execute(Tuple.of(customerId, (Object) r.removePhones().toArray(new String[0]))).mapEmpty();
          return removed.compose(v -> added.isEmpty() ? Future.<Void>succeededFuture() : tx.preparedQuery(
              "INSERT INTO crm_phone (customer_id, e164, mobile, notify_consent, position) VALUES ($1, $2, $3, $4, $5)")
              .executeBatch(added).mapEmpty());
        });
  }

  private Future<Optional<Customer>> one(String where, Tuple args) {
    return many(where, args).map(list -> list.stream().findFirst());
  }

  private Future<List<Customer>> many(String where, Tuple args) {
    return many(pool, where, args);
  }

  private static Future<List<Customer>> many(SqlClient client, String where, Tuple args) {
    return client.preparedQuery(SELECT + where).execute(args)
        .map(rows -> {
          List<Customer> out = new ArrayList<>();
          rows.forEach(r -> out.add(customer(r)));
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private static Customer customer(Row r) {
    CustomerKind kind = CustomerKind.of(r.getString("kind"));
    Address address = new Address(r.getString("street"), r.getString("postcode"), r.getString("city"),
        new GridLocation(r.getString("area_code"), r.getString("substation"), r.getString("feeder")));
    List<Phone> phones = new ArrayList<>();
    for (Object o : json(r.getValue("phones"))) {
      JsonObject p = (JsonObject) o;
      phones.add(new Phone(p.getString("e164"), p.getBoolean("mobile"), p.getBoolean("consent")));
    }
    List<MeteringPoint> points = new ArrayList<>();
    for (Object o : json(r.getValue("points"))) {
      JsonObject m = (JsonObject) o;
      points.add(new MeteringPoint(new Gsrn(m.getString("gsrn")), m.getString("meter"),
          new Address(m.getString("street"), m.getString("postcode"), m.getString("city"),
              new GridLocation(m.getString("area"), m.getString("substation"), m.getString("feeder")))));
    }
    return new Customer(r.getLong("id"), r.getString("number"), kind, r.getString("name"),
        masked(kind, r.getString("identity_last2")), phones, address, points, r.getInteger("version"));
  }

  private static JsonArray json(Object value) {
    return value instanceof JsonArray a ? a : new JsonArray(String.valueOf(value));
  }

  static String masked(CustomerKind kind, String lastTwo) {
    return "*".repeat(kind == CustomerKind.PRIVATE ? 9 : 7) + lastTwo;
  }
}
