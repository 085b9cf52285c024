package org.gridcare.server.wiring;

import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.domain.ApplicationStage;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeterReading;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.ivr.app.CustomerLookup;
import org.gridcare.ivr.app.MeterReadings;
import org.gridcare.ivr.app.ServiceRequests;
import org.gridcare.ivr.app.ServiceRequests.OutagesKnown;
import org.gridcare.ivr.domain.ApplicationStatus;
import org.gridcare.ivr.domain.CustomerSummary;
import org.gridcare.ivr.domain.MeterHistory;

/** The IVR's view of the built-in CRM: caller recognition, tickets it opens, meter readings, application status. */
public final class CrmForIvr implements CustomerLookup, ServiceRequests, MeterReadings {
  /** Plausibility baseline when the CRM has no consumption estimate: a Norwegian household's yearly use. */
  static final long TYPICAL_KWH_PER_YEAR = 16_000;
  private static final String ACTOR = "ivr";
  /** The CRM prints customer and application numbers with a letter (C100012, A000034); a keypad has digits only. */
  static final String CUSTOMER_PREFIX = "C";
  static final String APPLICATION_PREFIX = "A";
  private final CrmModule crm;
  private final ZoneId zone;

  public CrmForIvr(CrmModule crm, ZoneId zone) {
    this.crm = crm;
    this.zone = zone;
  }

  @Override
  public Future<List<CustomerSummary>> byPhone(String e164) {
    return crm.directory().byPhone(e164).map(found -> found.stream().map(CrmForIvr::summary).toList());
  }

  @Override
  public Future<Optional<CustomerSummary>> byCustomerNumber(String customerNumber) {
    return crm.directory().byNumber(keyed(CUSTOMER_PREFIX, customerNumber)).map(found -> found.map(CrmForIvr::summary));
  }

  @Override
  public Future<Optional<CustomerSummary>> byGsrn(String gsrn) {
    return Future.<Gsrn>future(p -> p.complete(new Gsrn(gsrn)))
        .compose(valid -> crm.directory().byGsrn(valid))
        .map(found -> found.map(CrmForIvr::summary));
  }

  @Override
  public Future<String> reportFault(FaultReport report) {
    GridPlace place = GridPlace.parse(report.areaId());
    String where = place.substation() == null ? "" : " (substation " + place.substation()
        + (place.feeder() == null ? "" : ", feeder " + place.feeder()) + ")";
    return crm.tickets().open(new TicketDraft(customerId(report.customerId()), TicketTopic.OUTAGE,
            "Fault reported by phone" + where, description(report.outages()),
            1, null, null, TicketSource.IVR, report.callId(), ACTOR))
        .map(t -> t.number());
  }

  /** What the operator reading the ticket needs to know about outages the caller was (or was not) told of. */
  static String description(OutagesKnown outages) {
    if (outages instanceof OutagesKnown.Announced a) {
      return "Reported in the IVR after the caller was told of the known outage " + a.outageId() + " in their area"
          + (a.cause() == null ? "" : " (" + a.cause() + ")") + ": check whether this fault is part of it or a "
          + "different problem.";
    }
    return outages instanceof OutagesKnown.None
        ? "Reported in the IVR; no known outage covered the caller's area at the time of the call."
        : "Reported in the IVR; the outage register was not checked for the caller's area.";
  }

  @Override
  public Future<String> registerVoicemail(Voicemail voicemail) {
    return crm.tickets().open(new TicketDraft(customerId(voicemail.customerId()), TicketTopic.VOICEMAIL_CALLBACK,
            "Voicemail: call back (" + voicemail.topic() + ")",
            "Listen to the voicemail (" + voicemail.recordingFile() + ") and call the customer back.",
            null, null, null, TicketSource.IVR, voicemail.callId(), ACTOR))
        .compose(t -> crm.tickets().link(t.id(), "call", voicemail.callId(), ACTOR).map(t.number()));
  }

  @Override
  public Future<Optional<ApplicationStatus>> applicationStatus(String applicationNumber) {
    return crm.applications().byNumber(keyed(APPLICATION_PREFIX, applicationNumber)).map(found -> found.map(a ->
        new ApplicationStatus(a.number(), a.stage().id(), next(a.stage()))));
  }

  @Override
  public Future<Optional<MeterHistory>> history(String gsrn) {
    return Future.<Gsrn>future(p -> p.complete(new Gsrn(gsrn)))
        .compose(valid -> crm.readings().latest(valid, 1))
        .map(latest -> Optional.of(latest.isEmpty()
            ? new MeterHistory(gsrn, null, null, TYPICAL_KWH_PER_YEAR)
            : new MeterHistory(gsrn, latest.get(0).kwh().longValue(), latest.get(0).readAt().atZone(zone).toLocalDate(),
                TYPICAL_KWH_PER_YEAR)));
  }

  @Override
  public Future<Void> store(Reading reading) {
    return Future.<MeterReading>future(p -> p.complete(new MeterReading(new Gsrn(reading.gsrn()),
            BigDecimal.valueOf(reading.kwh()), reading.at(), "ivr", reading.callId())))
        .compose(r -> crm.readings().submit(r, customerId(reading.customerId())))
        .mapEmpty();
  }

  private static CustomerSummary summary(Customer c) {
    return new CustomerSummary(String.valueOf(c.id()), c.number(), c.name(), GridPlace.of(c.address()).areaId());
  }

  /** The CRM's number for what the caller keyed in: the digits behind the number's letter. */
  static String keyed(String prefix, String typed) {
    return typed.chars().allMatch(Character::isDigit) ? prefix + typed : typed;
  }

  private static Long customerId(String id) {
    return id == null || id.isBlank() ? null : Long.valueOf(id);
  }

  private static String next(ApplicationStage stage) {
    ApplicationStage[] all = ApplicationStage.values();
    return stage.ordinal() + 1 < all.length ? all[stage.ordinal() + 1].id() : null;
  }
}
