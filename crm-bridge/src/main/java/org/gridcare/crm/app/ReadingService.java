package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeterReading;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.platform.domain.DomainException;

/**
 * Meter readings: stored after validation; a reading the IVR took registers a meter-reading ticket that the IVR
 * resolves at once (it counts as "closed by IVR").
 */
public final class ReadingService implements ReadingIntake {
  private final MeterReadings readings;
  private final Customers customers;
  private final TicketService tickets;

  public ReadingService(MeterReadings readings, Customers customers, TicketService tickets) {
    this.readings = readings;
    this.customers = customers;
    this.tickets = tickets;
  }

  @Override
  public Future<MeterReading> submit(MeterReading reading, Long customerId) {
    return customers.byGsrn(reading.gsrn()).compose(owner -> {
      if (owner.isEmpty()) {
        throw DomainException.notFound("no-such-metering-point", "No metering point " + reading.gsrn());
      }
      if (customerId != null && owner.get().id() != customerId) {
        throw DomainException.invalid("metering-point-not-customers", "The metering point belongs to another customer");
      }
      long owning = owner.get().id();
      return readings.record(reading).compose(saved -> "ivr".equals(reading.source())
          ? tickets.open(new TicketDraft(owning, TicketTopic.METER_READING,
                  "Meter reading " + saved.kwh().toPlainString() + " kWh for " + saved.gsrn(), null, null, null, null,
                  TicketSource.IVR, reading.callId(), "ivr"))
              .compose(t -> tickets.transition(t.id(), t.version(), "ivr", TicketStatus.RESOLVED, "self-service reading"))
              .map(saved)
          : Future.succeededFuture(saved));
    });
  }

  public Future<List<MeterReading>> latest(Gsrn gsrn, int limit) {
    return readings.latest(gsrn, limit);
  }
}
