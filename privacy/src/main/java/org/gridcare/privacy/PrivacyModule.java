package org.gridcare.privacy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.privacy.app.CustomerIdentities;
import org.gridcare.privacy.app.DataSubjectRights;
import org.gridcare.privacy.app.RecordingFiles;
import org.gridcare.privacy.app.RetentionService;
import org.gridcare.privacy.app.SmsObjections;
import org.gridcare.privacy.domain.ProcessingRecords;
import org.gridcare.privacy.domain.Sweep;
import org.gridcare.privacy.fs.FileVoicemails;
import org.gridcare.privacy.fs.ZipExportArchive;
import org.gridcare.privacy.http.HttpPrivacyRoutes;
import org.gridcare.privacy.pg.PgPersonalData;
import org.gridcare.privacy.yaml.YamlProcessingRecords;
import org.gridcare.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires data protection: the processing records from {@code privacy.records-file} (validated against the
 * recordings configuration), the retention job every {@code privacy.retention-every}, and the data-subject rights
 * API. What it needs from other modules comes in as {@link Ports}; their tables it reads and changes in SQL
 * ({@link PgPersonalData}).
 */
public final class PrivacyModule {
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyModule.class);
  /** Who the scheduled job is in the audit. */
  public static final String RETENTION_ACTOR = "retention";

  private final Vertx vertx;
  private final ProcessingRecords records;
  private final RetentionService retention;
  private final DataSubjectRights rights;
  private final HttpPrivacyRoutes routes;
  private final long timer;

  /** What privacy needs from the recordings, notifications and CRM modules (adapters in the server's wiring). */
  public record Ports(RecordingFiles recordings, SmsObjections objections, CustomerIdentities identities) {}

  private PrivacyModule(Vertx vertx, ContactCentreConfig config, Storage storage, ProcessingRecords records,
      Ports ports, Clock clock) {
    this.vertx = vertx;
    this.records = records;
    PgPersonalData data = new PgPersonalData(storage.pool(), storage.audit());
    FileVoicemails voicemail = new FileVoicemails(vertx, voicemailDir(config));
    retention = new RetentionService(records, data, ports.recordings(), voicemail, storage.audit(), clock);
    rights = new DataSubjectRights(records, data, ports.recordings(), voicemail, ports.objections(),
        ports.identities(), new ZipExportArchive(vertx, Path.of(config.storage().dataDir(), "exports", "privacy")),
        storage.audit(), clock);
    routes = new HttpPrivacyRoutes(vertx, rights, new PhoneNumbers(config.locale().phoneRegion()));
    timer = vertx.setPeriodic(config.privacy().retentionEvery().toMillis(), id -> retention.run(false, RETENTION_ACTOR)
        .onSuccess(lines -> LOG.info("Retention: {}", lines.stream().map(RetentionService.Line::sweep)
            .filter(s -> s.count() > 0).map(PrivacyModule::summary).toList()))
        .onFailure(e -> LOG.warn("Retention run failed: {}", e.toString())));
  }

  public static Future<PrivacyModule> start(Vertx vertx, ContactCentreConfig config, Storage storage, Ports ports,
      Clock clock) {
    return loadRecords(vertx, config).map(records -> new PrivacyModule(vertx, config, storage, records, ports, clock));
  }

  /** Reads and validates {@code privacy.records-file} on a worker thread. */
  public static Future<ProcessingRecords> loadRecords(Vertx vertx, ContactCentreConfig config) {
    return vertx.executeBlocking(() -> YamlProcessingRecords.load(Path.of(config.privacy().recordsFile()),
        config.recordings()), false);
  }

  /**
   * The retention run on its own (for {@code ./contact-centre retention run}): the same service the scheduled job
   * uses, without the API or the timer.
   */
  public static Future<RetentionService> retention(Vertx vertx, ContactCentreConfig config, Storage storage,
      RecordingFiles recordings, Clock clock) {
    return loadRecords(vertx, config).map(records -> new RetentionService(records, new PgPersonalData(storage.pool(), storage.audit()),
        recordings, new FileVoicemails(vertx, voicemailDir(config)), storage.audit(), clock));
  }

  /** The IVR's voicemail directory ({@code ivr.voicemail-dir}, as IvrModule writes it). */
  static Path voicemailDir(ContactCentreConfig config) {
    return Path.of(config.ivr().voicemailDir());
  }

  private static String summary(Sweep s) {
    return s.category().id() + "=" + s.count();
  }

  public ProcessingRecords records() {
    return records;
  }

  public RetentionService retention() {
    return retention;
  }

  public DataSubjectRights rights() {
    return rights;
  }

  public String openApiFragment() {
    return "openapi/privacy.yaml";
  }

  public Consumer<RouterBuilder> routes() {
    return routes;
  }

  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
