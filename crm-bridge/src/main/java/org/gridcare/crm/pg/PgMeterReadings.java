package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridcare.crm.app.MeterReadings;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeterReading;
import org.gridcare.platform.domain.DomainException;

/** Meter readings; the metering point row is locked while the new reading is compared with the previous one. */
public final class PgMeterReadings implements MeterReadings {
  private final Pool pool;

  public PgMeterReadings(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<MeterReading> record(MeterReading m) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT gsrn FROM crm_metering_point WHERE gsrn = $1 FOR UPDATE")
            .execute(Tuple.of(m.gsrn().value()))
            .compose(found -> {
              if (found.size() == 0) {
                throw DomainException.notFound("no-such-metering-point", "No metering point " + m.gsrn());
              }
              return tx.preparedQuery("SELECT * FROM crm_meter_reading WHERE gsrn = $1 AND read_at <= $2 "
                  + "ORDER BY read_at DESC, id DESC LIMIT 1").execute(Tuple.of(m.gsrn().value(), Sql.ts(m.readAt())));
            })
            .compose(prev -> {
              m.checkAfter(prev.size() == 0 ? null : reading(prev.iterator().next()));
              return tx.preparedQuery("INSERT INTO crm_meter_reading (gsrn, kwh, read_at, source, call_id) "
                      + "VALUES ($1, $2, $3, $4, $5)")
                  .execute(Tuple.of(m.gsrn().value(), m.kwh(), Sql.ts(m.readAt()), m.source(), m.callId()));
            })
            .map(m))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<MeterReading>> latest(Gsrn gsrn, int limit) {
    return pool.preparedQuery("SELECT * FROM crm_meter_reading WHERE gsrn = $1 ORDER BY read_at DESC, id DESC LIMIT $2")
        .execute(Tuple.of(gsrn.value(), limit))
        .map(rows -> {
          List<MeterReading> out = new ArrayList<>();
          rows.forEach(r -> out.add(reading(r)));
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private static MeterReading reading(Row r) {
    return new MeterReading(new Gsrn(r.getString("gsrn")), r.getBigDecimal("kwh"), Sql.instant(r, "read_at"),
        r.getString("source"), r.getString("call_id"));
  }
}
