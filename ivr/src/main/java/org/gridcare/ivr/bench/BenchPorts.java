package org.gridcare.ivr.bench;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.gridcare.ivr.app.CustomerLookup;
import org.gridcare.ivr.app.MeterReadings;
import org.gridcare.ivr.app.OutageInfo;
import org.gridcare.ivr.app.ServiceRequests;
import org.gridcare.ivr.domain.ApplicationStatus;
import org.gridcare.ivr.domain.CustomerSummary;
import org.gridcare.ivr.domain.MeterHistory;
import org.gridcare.ivr.domain.Outage;

/** The benchmark's CRM and outage system: one customer per metering point, an outage in every area. */
final class BenchPorts implements CustomerLookup, OutageInfo, MeterReadings, ServiceRequests {
  private final Instant now = Instant.now();

  @Override
  public Future<List<CustomerSummary>> byPhone(String e164) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Optional<CustomerSummary>> byCustomerNumber(String customerNumber) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<Optional<CustomerSummary>> byGsrn(String gsrn) {
    return Future.succeededFuture(Optional.of(new CustomerSummary("c-" + gsrn, gsrn.substring(8), "Kari Nilsen", "area-1")));
  }

  @Override
  public Future<List<Outage>> activeOutages(String areaId) {
    return Future.succeededFuture(List.of(new Outage("o-1", false, "a storm-damaged line", now.minusSeconds(3600),
        now.plusSeconds(7200))));
  }

  @Override
  public Future<Void> subscribeRestorationSms(String outageId, String mobileE164, String customerId) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<MeterHistory>> history(String gsrn) {
    return Future.succeededFuture(Optional.of(new MeterHistory(gsrn, 10_000L, LocalDate.now().minusDays(90), 6000)));
  }

  @Override
  public Future<Void> store(Reading reading) {
    return Future.succeededFuture();
  }

  @Override
  public Future<String> reportFault(FaultReport report) {
    return Future.succeededFuture("F-1");
  }

  @Override
  public Future<String> registerVoicemail(Voicemail voicemail) {
    return Future.succeededFuture("V-1");
  }

  @Override
  public Future<Optional<ApplicationStatus>> applicationStatus(String applicationNumber) {
    return Future.succeededFuture(Optional.empty());
  }
}
