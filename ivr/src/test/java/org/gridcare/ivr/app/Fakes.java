package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.ivr.domain.ApplicationStatus;
import org.gridcare.ivr.domain.CustomerSummary;
import org.gridcare.ivr.domain.IvrEvent;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.MeterHistory;
import org.gridcare.ivr.domain.Outage;
import org.gridcare.ivr.domain.Variables;

/** Small in-memory stand-ins for the ports the server wires to the CRM, outages, the ACD and the journal. */
final class Fakes {
  private Fakes() {}

  /** The prompt id and its text with the variables filled in, so tests can read what the caller heard. */
  static Prompts textPrompts() {
    return (menu, language, id, vars) -> Future.succeededFuture(
        id + ": " + Variables.fill(menu.promptText(language, id).orElseThrow(), vars));
  }

  static final class Crm implements CustomerLookup, ServiceRequests, MeterReadings {
    final Map<String, List<CustomerSummary>> byPhone = new HashMap<>();
    final Map<String, CustomerSummary> byNumber = new HashMap<>();
    final Map<String, CustomerSummary> byGsrn = new HashMap<>();
    final Map<String, MeterHistory> meters = new HashMap<>();
    final Map<String, ApplicationStatus> applications = new HashMap<>();
    final List<String> gsrnLookups = new ArrayList<>();
    final List<FaultReport> faults = new ArrayList<>();
    final List<Voicemail> voicemails = new ArrayList<>();
    final List<Reading> stored = new ArrayList<>();
    boolean down;

    @Override
    public Future<List<CustomerSummary>> byPhone(String e164) {
      return down ? unavailable() : Future.succeededFuture(byPhone.getOrDefault(e164, List.of()));
    }

    @Override
    public Future<Optional<CustomerSummary>> byCustomerNumber(String customerNumber) {
      return down ? unavailable() : Future.succeededFuture(Optional.ofNullable(byNumber.get(customerNumber)));
    }

    @Override
    public Future<Optional<CustomerSummary>> byGsrn(String gsrn) {
      gsrnLookups.add(gsrn);
      return down ? unavailable() : Future.succeededFuture(Optional.ofNullable(byGsrn.get(gsrn)));
    }

    @Override
    public Future<String> reportFault(FaultReport report) {
      faults.add(report);
      return Future.succeededFuture("F-" + faults.size());
    }

    @Override
    public Future<String> registerVoicemail(Voicemail voicemail) {
      voicemails.add(voicemail);
      return Future.succeededFuture("V-" + voicemails.size());
    }

    @Override
    public Future<Optional<ApplicationStatus>> applicationStatus(String applicationNumber) {
      return Future.succeededFuture(Optional.ofNullable(applications.get(applicationNumber)));
    }

    @Override
    public Future<Optional<MeterHistory>> history(String gsrn) {
      return Future.succeededFuture(Optional.ofNullable(meters.get(gsrn)));
    }

    @Override
    public Future<Void> store(Reading reading) {
      stored.add(reading);
      return Future.succeededFuture();
    }

    private static <T> Future<T> unavailable() {
      return Future.failedFuture(new IllegalStateException("CRM down"));
    }
  }

  static final class Outages implements OutageInfo {
    final Map<String, List<Outage>> byArea = new HashMap<>();
    final List<String> subscriptions = new ArrayList<>();
    boolean down;

    @Override
    public Future<List<Outage>> activeOutages(String areaId) {
      if (down) {
        return Future.failedFuture(new IllegalStateException("outage register down"));
      }
      return Future.succeededFuture(byArea.getOrDefault(areaId, List.of()));
    }

    @Override
    public Future<Void> subscribeRestorationSms(String outageId, String mobileE164, String customerId) {
      subscriptions.add(outageId + " " + mobileE164 + " " + customerId);
      return Future.succeededFuture();
    }
  }

  static final class Acd implements AcdHandoff {
    final List<Handoff> queued = new ArrayList<>();
    boolean down;

    @Override
    public Future<Void> enqueue(Handoff handoff) {
      if (down) {
        return Future.failedFuture(new IllegalStateException("ACD down"));
      }
      queued.add(handoff);
      return Future.succeededFuture();
    }
  }

  static final class Events implements IvrEvents {
    final List<IvrEvent> recorded = new ArrayList<>();

    @Override
    public Future<Void> record(IvrEvent event) {
      recorded.add(event);
      return Future.succeededFuture();
    }

    List<IvrEvent.StepTaken> steps() {
      return recorded.stream().filter(IvrEvent.StepTaken.class::isInstance).map(IvrEvent.StepTaken.class::cast).toList();
    }

    IvrEvent.SessionEnded ended() {
      return recorded.stream().filter(IvrEvent.SessionEnded.class::isInstance).map(IvrEvent.SessionEnded.class::cast)
          .reduce((a, b) -> b).orElseThrow();
    }
  }
}
