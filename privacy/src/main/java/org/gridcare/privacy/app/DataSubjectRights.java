package org.gridcare.privacy.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.ErasureReport;
import org.gridcare.privacy.domain.ProcessingRecords;
import org.gridcare.privacy.domain.RetentionPolicy;

/**
 * The data subject's rights: a copy of everything stored about them (Art. 15), erasure (Art. 17) with its checks,
 * legal hold, and objection to SMS (Art. 21). Every use is audited with the actor and the reason before it acts;
 * rectification goes through the CRM (see docs/PRIVACY.md).
 */
public final class DataSubjectRights {
  private final ProcessingRecords records;
  private final PersonalData data;
  private final RecordingFiles recordings;
  private final VoicemailFiles voicemail;
  private final SmsObjections objections;
  private final CustomerIdentities identities;
  private final ExportArchive archive;
  private final Audit audit;
  private final Clock clock;

  public DataSubjectRights(ProcessingRecords records, PersonalData data, RecordingFiles recordings,
      VoicemailFiles voicemail, SmsObjections objections, CustomerIdentities identities, ExportArchive archive,
      Audit audit, Clock clock) {
    this.identities = identities;
    this.records = records;
    this.data = data;
    this.recordings = recordings;
    this.voicemail = voicemail;
    this.objections = objections;
    this.archive = archive;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * One zip: {@code customer.json} (every row about the customer with their national ID / organisation number in
   * clear, and the access log: who read their data), their recordings and voicemail messages. The export is audited
   * first, then the CRM's reveal of the identity (so both are in the access log of the copy).
   */
  public Future<Path> export(String actor, long customerId, String reason) {
    return requireReason(reason).compose(v -> footprint(customerId))
        .compose(f -> record(actor, "customer.exported", customerId, reason, Map.of("recordings", f.recordings().size()))
            .compose(v -> identities.reveal(customerId, actor, reason))
            .compose(identity -> Future.all(data.export(f), files(f)).compose(all -> {
              JsonObject json = new JsonObject(all.<Map<String, Object>>resultAt(0));
              JsonObject customer = json.getJsonObject("customer");
              if (customer != null) {
                identity.ifPresent(id -> customer.put("identity", id));
              }
              Map<String, Path> files = all.resultAt(1);
              return archive.write("customer-" + customerId, json.encodePrettily(), files);
            })));
  }

  private Future<Map<String, Path>> files(Footprint f) {
    Map<String, Path> files = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (Footprint.RecordingRef r : f.recordings()) {
      if (r.storeKey() != null) { // stored, or archived (gzip)
        chain = chain.compose(v -> recordings.file(r.storeKey()).map(p -> {
          files.put("recordings/" + r.id() + (r.storeKey().endsWith(".gz") ? ".wav.gz" : ".wav"), p);
          return null;
        }));
      }
    }
    return chain.compose(v -> voicemail.ofCalls(f.callIds())).map(list -> {
      list.forEach(p -> files.put("voicemail/" + p.getFileName(), p));
      return files;
    });
  }

  /**
   * Erases the customer unless a legal hold, an open ticket or a recording on hold stands in the way (then nothing
   * changes and the error says why). Categories with a legal duty are kept and the report says which duty; rows that
   * reports count are anonymised, not deleted. {@code dryRun} reports without changing anything.
   */
  public Future<ErasureReport> erase(String actor, long customerId, String reason, boolean dryRun) {
    return requireReason(reason).compose(v -> footprint(customerId)).compose(f -> {
      check(f);
      return data.count(f).compose(counts -> {
        counts.put(Category.RECORDINGS, (long) f.recordings().size());
        return voicemail.ofCalls(f.callIds()).compose(messages -> {
          counts.put(Category.VOICEMAIL, (long) messages.size());
          ErasureReport report = report(f, dryRun, counts);
          if (dryRun) {
            return Future.succeededFuture(report);
          }
          Set<Category> erase = EnumSet.noneOf(Category.class);
          report.erased().forEach(e -> erase.add(e.category()));
          Map<String, Object> details = new LinkedHashMap<>();
          report.erased().forEach(e -> details.put(e.category().id(), e.count()));
          return record(actor, "customer.erased", customerId, reason, details)
              .compose(x -> erase.contains(Category.RECORDINGS) ? purgeRecordings(f, actor, reason) : Future.succeededFuture())
              .compose(x -> erase.contains(Category.VOICEMAIL) ? voicemail.delete(messages) : Future.succeededFuture())
              .compose(x -> data.erase(f, erase))
              .map(report);
        });
      });
    });
  }

  private void check(Footprint f) {
    if (f.held()) {
      throw DomainException.conflict("legal-hold", "Customer " + f.customerId()
          + " is on legal hold: release the hold before erasing");
    }
    if (f.openTickets() > 0) {
      throw DomainException.conflict("open-tickets", "Customer " + f.customerId() + " has " + f.openTickets()
          + " open ticket(s): resolve or cancel them before erasing");
    }
    long held = f.recordings().stream().filter(Footprint.RecordingRef::legalHold).count();
    if (held > 0) {
      throw DomainException.conflict("recording-on-hold", held + " recording(s) of customer " + f.customerId()
          + " are on legal hold");
    }
  }

  private ErasureReport report(Footprint f, boolean dryRun, Map<Category, Long> counts) {
    List<ErasureReport.Erased> erased = new ArrayList<>();
    List<ErasureReport.Kept> kept = new ArrayList<>();
    for (Category c : Category.values()) {
      RetentionPolicy p = records.policy(c);
      long n = counts.getOrDefault(c, 0L);
      if (p.keepOnErasure()) {
        kept.add(new ErasureReport.Kept(c, n, p.duty()));
      } else {
        erased.add(new ErasureReport.Erased(c, n, how(c)));
      }
    }
    if (f.sharedPhones() > 0) {
      kept.add(new ErasureReport.Kept(Category.CUSTOMER_FILE, f.sharedPhones(),
          "phone numbers also registered to another customer: kept with that customer, and their calls with them"));
    }
    return new ErasureReport(f.customerId(), dryRun, erased, kept);
  }

  private static String how(Category c) {
    return switch (c) {
      case CALL_JOURNAL, INTERACTIONS, SURVEY_ANSWERS -> "anonymised: number and customer cleared, rows kept for report totals";
      case TICKETS -> "anonymised: customer, subject, description and notes cleared, tickets kept for report totals";
      case CUSTOMER_FILE -> "anonymised: name, identity and street cleared, phones deleted; customer number, postcode"
          + " and metering points kept for grid statistics";
      case RECORDINGS -> "files deleted, catalogue entries kept as purged without number or customer";
      default -> "deleted";
    };
  }

  private Future<Void> purgeRecordings(Footprint f, String actor, String reason) {
    Future<Void> chain = Future.succeededFuture();
    for (Footprint.RecordingRef r : f.recordings()) {
      if (!"purged".equals(r.status())) {
        chain = chain.compose(v -> recordings.purge(r.id(), actor, "erasure: " + reason));
      }
    }
    return chain;
  }

  /** Places a legal hold: retention and erasure leave the customer's data, recordings included, as it is. */
  public Future<Void> hold(String actor, long customerId, String reason) {
    return requireReason(reason).compose(v -> footprint(customerId))
        .compose(f -> record(actor, "customer.held", customerId, reason, Map.of())
            .compose(v -> data.hold(customerId, actor, reason, clock.instant()))
            .compose(v -> holdRecordings(f, true, actor, reason)));
  }

  public Future<Void> release(String actor, long customerId, String reason) {
    return requireReason(reason).compose(v -> footprint(customerId))
        .compose(f -> record(actor, "customer.released", customerId, reason, Map.of())
            .compose(v -> data.release(customerId))
            .compose(was -> {
              if (!was) {
                throw DomainException.conflict("not-on-hold", "Customer " + customerId + " is not on legal hold");
              }
              return holdRecordings(f, false, actor, reason);
            }));
  }

  private Future<Void> holdRecordings(Footprint f, boolean hold, String actor, String reason) {
    Future<Void> chain = Future.succeededFuture();
    for (Footprint.RecordingRef r : f.recordings()) {
      if (r.legalHold() != hold && !"purged".equals(r.status())) {
        chain = chain.compose(v -> recordings.hold(r.id(), hold, actor, reason));
      }
    }
    return chain;
  }

  /** Records an objection to outage SMS and automated calls for the number (E.164). */
  public Future<Void> objectToSms(String actor, String e164, String reason) {
    return requireReason(reason)
        .compose(v -> audit.record(new AuditEntry(clock.instant(), actor, "notifications.objection.recorded", "phone",
            null, reason, Map.of())))
        .compose(v -> objections.object(e164, "privacy-objection"));
  }

  private Future<Footprint> footprint(long customerId) {
    return data.footprint(customerId).map(f -> f.orElseThrow(() ->
        DomainException.notFound("no-such-customer", "No customer " + customerId)));
  }

  private Future<Void> record(String actor, String action, long customerId, String reason, Map<String, Object> details) {
    return audit.record(new AuditEntry(clock.instant(), actor, action, "customer", String.valueOf(customerId), reason,
        details));
  }

  private static Future<Void> requireReason(String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      return Future.failedFuture(DomainException.invalid("reason-required",
          "Say why (1..500 characters): it goes into the access audit"));
    }
    return Future.succeededFuture();
  }
}
