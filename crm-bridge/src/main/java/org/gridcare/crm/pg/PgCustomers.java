package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.crm.app.Customers;
import org.gridcare.crm.app.GridSelector;
import org.gridcare.crm.app.IdentityVault;
import org.gridcare.crm.app.NotifiableContact;
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
import org.gridcare.platform.domain.DomainException;

/**
 * Customers in PostgreSQL. A customer loads in one statement (phones and metering points aggregated as JSON), so
 * the screen pop costs one round trip. The identity is stored sealed by the {@link IdentityVault} and never read
 * back here: only its last two digits, for the masked form.
 */
public final class PgCustomers implements Customers {
  private static final String SELECT = "SELECT c.id, c.number, c.kind, c.name, c.identity_last2, "
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

  public PgCustomers(Pool pool, IdentityVault vault) {
    this.pool = pool;
    this.vault = vault;
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

  /** Inserts inside the caller's transaction (the importer and the sample loader batch many). */
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

  private Future<Optional<Customer>> one(String where, Tuple args) {
    return many(where, args).map(list -> list.stream().findFirst());
  }

  private Future<List<Customer>> many(String where, Tuple args) {
    return pool.preparedQuery(SELECT + where).execute(args)
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
        masked(kind, r.getString("identity_last2")), phones, address, points);
  }

  private static JsonArray json(Object value) {
    return value instanceof JsonArray a ? a : new JsonArray(String.valueOf(value));
  }

  static String masked(CustomerKind kind, String lastTwo) {
    return "*".repeat(kind == CustomerKind.PRIVATE ? 9 : 7) + lastTwo;
  }
}
