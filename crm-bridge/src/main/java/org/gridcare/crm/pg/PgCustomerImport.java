package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.CustomerImport;
import org.gridcare.crm.app.GridCsv;
import org.gridcare.crm.app.IdentityVault;
import org.gridcare.crm.domain.MeteringPoint;

/**
 * The import in one transaction: first every row is checked against what is already registered (identity digests
 * and GSRNs, two queries), then all rows are inserted; any failure rolls the whole file back.
 */
public final class PgCustomerImport implements CustomerImport {
  private final Pool pool;
  private final IdentityVault vault;
  private final PgCustomers customers;

  public PgCustomerImport(Pool pool, IdentityVault vault) {
    this.pool = pool;
    this.vault = vault;
    this.customers = new PgCustomers(pool, vault);
  }

  @Override
  public Future<Report> importCustomers(CustomerCsv.Parsed parsed, IntConsumer progress) {
    if (!parsed.errors().isEmpty()) {
      return Future.succeededFuture(new Report(0, parsed.errors()));
    }
    return clashes(parsed.rows()).compose(errors -> {
      if (!errors.isEmpty()) {
        return Future.succeededFuture(new Report(0, errors));
      }
      return pool.withTransaction(tx -> {
        Future<Long> chain = Future.succeededFuture(0L);
        int[] done = {0};
        for (CustomerCsv.Row row : parsed.rows()) {
          chain = chain.compose(x -> customers.insert(tx, row.draft())).map(id -> {
            if (++done[0] % 100 == 0) {
              progress.accept(done[0]);
            }
            return id;
          });
        }
        return chain;
      }).map(x -> {
        progress.accept(parsed.rows().size());
        return new Report(parsed.rows().size(), List.of());
      });
    });
  }

  @Override
  public Future<Report> importAreas(GridCsv.Parsed<GridCsv.Area> parsed, IntConsumer progress) {
    if (!parsed.errors().isEmpty()) {
      return Future.succeededFuture(new Report(0, parsed.errors()));
    }
    List<Tuple> batch = new ArrayList<>();
    parsed.rows().forEach(a -> batch.add(Tuple.of(a.code(), a.name())));
    if (batch.isEmpty()) {
      return Future.succeededFuture(new Report(0, List.of()));
    }
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO crm_grid_area (code, name) VALUES ($1, $2) "
            + "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name").executeBatch(batch))
        .map(x -> {
          progress.accept(batch.size());
          return new Report(batch.size(), List.of());
        });
  }

  @Override
  public Future<Report> importMeteringPoints(GridCsv.Parsed<GridCsv.Point> parsed, IntConsumer progress) {
    if (!parsed.errors().isEmpty()) {
      return Future.succeededFuture(new Report(0, parsed.errors()));
    }
    List<String> numbers = parsed.rows().stream().map(GridCsv.Point::customerNumber).distinct().toList();
    List<String> gsrns = parsed.rows().stream().map(p -> p.gsrn().value()).toList();
    Future<Map<String, Long>> customerIds = pool.preparedQuery("SELECT number, id FROM crm_customer WHERE number = ANY($1)")
        .execute(Tuple.of(numbers.toArray(new String[0])))
        .map(rows -> {
          Map<String, Long> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getString("number"), r.getLong("id")));
          return out;
        });
    Future<Set<String>> known = pool.preparedQuery("SELECT gsrn FROM crm_metering_point WHERE gsrn = ANY($1)")
        .execute(Tuple.of(gsrns.toArray(new String[0])))
        .map(rows -> {
          Set<String> out = new HashSet<>();
          rows.forEach(r -> out.add(r.getString(0)));
          return out;
        });
    return Future.all(customerIds, known).compose(x -> {
      List<CustomerCsv.RowError> errors = new ArrayList<>();
      for (GridCsv.Point p : parsed.rows()) {
        if (!customerIds.result().containsKey(p.customerNumber())) {
          errors.add(new CustomerCsv.RowError(p.line(), "no-such-customer", "No customer " + p.customerNumber()));
        } else if (known.result().contains(p.gsrn().value())) {
          errors.add(new CustomerCsv.RowError(p.line(), "duplicate-gsrn", "GSRN " + p.gsrn() + " is already registered"));
        }
      }
      if (!errors.isEmpty()) {
        return Future.succeededFuture(new Report(0, errors));
      }
      return pool.withTransaction(tx -> {
        Future<Void> chain = Future.succeededFuture();
        int[] done = {0};
        for (GridCsv.Point p : parsed.rows()) {
          chain = chain.compose(v -> customers.insertPoint(tx, customerIds.result().get(p.customerNumber()),
              new org.gridcare.crm.domain.MeteringPoint(p.gsrn(), p.meterNumber(), p.address()))).map(v -> {
                if (++done[0] % 100 == 0) {
                  progress.accept(done[0]);
                }
                return null;
              });
        }
        return chain;
      }).map(v -> {
        progress.accept(parsed.rows().size());
        return new Report(parsed.rows().size(), List.of());
      });
    });
  }

  private Future<List<CustomerCsv.RowError>> clashes(List<CustomerCsv.Row> rows) {
    Map<String, Integer> lineByDigest = new HashMap<>();
    Map<String, Integer> lineByGsrn = new HashMap<>();
    List<Buffer> digests = new ArrayList<>();
    for (CustomerCsv.Row r : rows) {
      for (byte[] digest : vault.lookupDigests(r.draft().identity())) { // rows not yet re-encrypted match too
        lineByDigest.put(HexFormat.of().formatHex(digest), r.line());
        digests.add(Buffer.buffer(digest));
      }
      for (MeteringPoint mp : r.draft().meteringPoints()) {
        lineByGsrn.put(mp.gsrn().value(), r.line());
      }
    }
    Future<Set<String>> knownDigests = pool.preparedQuery("SELECT identity_digest FROM crm_customer "
            + "WHERE identity_digest = ANY($1)")
        .execute(Tuple.of(digests.toArray(new Buffer[0])))
        .map(found -> {
          Set<String> out = new HashSet<>();
          for (Row r : found) {
            out.add(HexFormat.of().formatHex(r.getBuffer(0).getBytes()));
          }
          return out;
        });
    Future<Set<String>> knownGsrns = pool.preparedQuery("SELECT gsrn FROM crm_metering_point WHERE gsrn = ANY($1)")
        .execute(Tuple.of(lineByGsrn.keySet().toArray(new String[0])))
        .map(found -> {
          Set<String> out = new HashSet<>();
          found.forEach(r -> out.add(r.getString(0)));
          return out;
        });
    return Future.all(knownDigests, knownGsrns).map(x -> {
      List<CustomerCsv.RowError> errors = new ArrayList<>();
      for (String d : knownDigests.result()) {
        errors.add(new CustomerCsv.RowError(lineByDigest.get(d), "duplicate-identity",
            "A customer with this national ID / organisation number is already registered"));
      }
      for (String g : knownGsrns.result()) {
        errors.add(new CustomerCsv.RowError(lineByGsrn.get(g), "duplicate-gsrn", "GSRN " + g + " is already registered"));
      }
      errors.sort(java.util.Comparator.comparingInt(CustomerCsv.RowError::line));
      return errors;
    });
  }
}
