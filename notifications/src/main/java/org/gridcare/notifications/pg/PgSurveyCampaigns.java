package org.gridcare.notifications.pg;

import static org.gridcare.notifications.pg.PgOutages.ts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gridcare.notifications.app.OutboxCall;
import org.gridcare.notifications.app.SurveyCampaignStore;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.CallOutcome;
import org.gridcare.notifications.domain.CallingWindow;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.notifications.domain.SurveyCampaign;
import org.gridcare.notifications.domain.SurveyCampaignState;
import org.gridcare.notifications.domain.SurveyProgress;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/**
 * Survey campaigns in {@code notify_survey_campaign} (each also a {@code notify_campaign} of kind SURVEY, so its calls
 * are rows of {@code notify_call} with context {@code cc-survey-out} that the dialler claims like any other).
 */
public final class PgSurveyCampaigns implements SurveyCampaignStore {
  /** The notify_call context of survey calls (config/asterisk/extensions.conf). */
  public static final String CONTEXT = "cc-survey-out";
  private static final String COLUMNS = "id, title, survey, line, area, state, window_from, window_to, zone, created_by, "
      + "created_at";
  private final Pool pool;

  public PgSurveyCampaigns(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> create(SurveyCampaign c, List<Recipient> numbers) {
    Tuple campaign = Tuple.of(c.id(), c.title(), c.survey(), c.line(), area(c.area()), c.state().name())
        .addValue(c.window().from()).addValue(c.window().to()).addValue(c.zone().getId()).addValue(c.createdBy())
        .addValue(ts(c.createdAt()));
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO notify_campaign (id, outage_id, kind, key, "
            + "created_at) VALUES ($1, NULL, 'SURVEY', 'survey', $2)").execute(Tuple.of(c.id(), ts(c.createdAt())))
        .compose(v -> conn.preparedQuery("INSERT INTO notify_survey_campaign (" + COLUMNS + ", updated_at) VALUES "
            + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)").execute(campaign))
        .compose(v -> conn.preparedQuery("INSERT INTO notify_call (campaign_id, phone, customer_id, language, message, "
                + "context) SELECT $1, p, c, l, $5, $6 FROM unnest($2::text[], $3::text[], $4::text[]) AS n(p, c, l)")
            .execute(Tuple.of(c.id(), numbers.stream().map(Recipient::phone).toArray(String[]::new),
                numbers.stream().map(Recipient::customerId).toArray(String[]::new),
                numbers.stream().map(Recipient::language).toArray(String[]::new), c.survey(), CONTEXT)))
        .compose(v -> PgJournal.append(conn, JournalEntry.of("notify.survey.campaign.started").line(c.line())
            .operator(c.createdBy()).data(Map.of("campaign", c.id().toString(), "survey", c.survey(),
                "numbers", numbers.size())))));
  }

  @Override
  public Future<Optional<SurveyCampaign>> get(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM notify_survey_campaign WHERE id = $1")
        .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(campaign(rows.iterator().next())));
  }

  @Override
  public Future<List<SurveyCampaign>> list(Set<Integer> lines) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM notify_survey_campaign "
            + "WHERE $1::int[] IS NULL OR line = ANY($1) ORDER BY created_at DESC, id LIMIT 200")
        .execute(Tuple.of(lines == null ? null : lines.toArray(Integer[]::new))).map(rows -> {
          List<SurveyCampaign> out = new ArrayList<>();
          rows.forEach(r -> out.add(campaign(r)));
          return out;
        });
  }

  @Override
  public Future<SurveyCampaign> changeState(SurveyCampaign c, SurveyCampaignState next, String action, String actor) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_survey_campaign SET state = $3, "
            + "updated_at = now() WHERE id = $1 AND state = $2").execute(Tuple.of(c.id(), c.state().name(), next.name()))
        .compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(DomainException.conflict("campaign-changed",
                "The campaign changed meanwhile; reload it and try again"))
            : next != SurveyCampaignState.CANCELLED ? Future.succeededFuture()
            // calls not made (or whose dialler died) are dropped (FAILED, so retention sweeps them like any other);
            // calls in progress finish
            : conn.preparedQuery("UPDATE notify_call SET state = 'FAILED', outcome = 'CANCELLED', lease_until = NULL, "
                + "updated_at = now() "
                + "WHERE campaign_id = $1 AND (state = 'PENDING' OR (state = 'CALLING' AND lease_until < now()))")
                .execute(Tuple.of(c.id())).mapEmpty())
        .compose(v -> PgJournal.append(conn, JournalEntry.of("notify.survey.campaign." + action).line(c.line())
            .operator(actor).data(Map.of("campaign", c.id().toString(), "survey", c.survey()))))
        .map(v -> new SurveyCampaign(c.id(), c.title(), c.survey(), c.line(), c.area(), next, c.window(), c.zone(),
            c.createdBy(), c.createdAt())));
  }

  @Override
  public Future<Optional<SurveyProgress>> progress(UUID id) {
    return get(id).compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.empty())
        : pool.preparedQuery("SELECT count(*) AS numbers, count(*) FILTER (WHERE attempts > 0) AS dialled, "
                + "count(*) FILTER (WHERE state = 'DONE' AND outcome = 'ANSWERED') AS answered, "
                + "count(*) FILTER (WHERE survey_result = 'COMPLETED') AS completed, "
                + "count(*) FILTER (WHERE survey_result = 'REFUSED') AS refused, "
                + "count(*) FILTER (WHERE state = 'DONE' AND outcome = 'MACHINE') AS machine, "
                + "count(*) FILTER (WHERE state = 'FAILED' AND outcome <> 'CANCELLED') AS failed, "
                + "count(*) FILTER (WHERE state IN ('PENDING', 'CALLING')) AS pending, "
                + "count(*) FILTER (WHERE outcome = 'CANCELLED') AS cancelled FROM notify_call WHERE campaign_id = $1")
            .execute(Tuple.of(id)).map(rows -> {
              Row r = rows.iterator().next();
              return Optional.of(new SurveyProgress(found.get(), r.getLong("numbers"), r.getLong("dialled"),
                  r.getLong("answered"), r.getLong("completed"), r.getLong("refused"), r.getLong("machine"),
                  r.getLong("failed"), r.getLong("pending"), r.getLong("cancelled")));
            }));
  }

  @Override
  public Future<Void> answered(OutboxCall call, SurveyCampaign c, String callId, String question, int answer) {
    return pool.withConnection(conn -> PgJournal.append(conn, entry("notify.survey.answered", call, c, callId)
        .data(Map.of("campaign", c.id().toString(), "survey", c.survey(), "question", question, "answer", answer))));
  }

  @Override
  public Future<Void> ended(OutboxCall call, SurveyCampaign c, String callId, boolean machine, boolean completed,
      int answers) {
    String result = machine ? null : completed ? "COMPLETED" : "REFUSED";
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_call SET state = 'DONE', outcome = $2, "
            + "survey_result = $3, lease_until = NULL, updated_at = now() WHERE id = $1")
        .execute(Tuple.of(call.id(), (machine ? CallOutcome.MACHINE : CallOutcome.ANSWERED).name(), result))
        .compose(v -> machine ? Future.<Void>succeededFuture() : PgJournal.append(conn,
            entry("notify.survey." + result.toLowerCase(java.util.Locale.ROOT), call, c, callId)
                .data(Map.of("campaign", c.id().toString(), "survey", c.survey(), "answers", answers)))));
  }

  private static JournalEntry entry(String type, OutboxCall call, SurveyCampaign c, String callId) {
    return JournalEntry.of(type).call(callId).line(c.line()).customer(call.customerId()).phone(call.phone());
  }

  private static JsonObject area(Area a) {
    return new JsonObject().put("substations", new JsonArray(List.copyOf(a.substations())))
        .put("feeders", new JsonArray(List.copyOf(a.feeders())))
        .put("postcodes", new JsonArray(List.copyOf(a.postcodes())));
  }

  private static Set<String> strings(JsonArray a) {
    Set<String> out = new HashSet<>();
    if (a != null) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static SurveyCampaign campaign(Row r) {
    JsonObject a = (JsonObject) r.getValue("area");
    return new SurveyCampaign(r.getUUID("id"), r.getString("title"), r.getString("survey"), r.getInteger("line"),
        new Area(strings(a.getJsonArray("substations")), strings(a.getJsonArray("feeders")),
            strings(a.getJsonArray("postcodes"))),
        SurveyCampaignState.valueOf(r.getString("state")),
        new CallingWindow(r.getLocalTime("window_from"), r.getLocalTime("window_to")), ZoneId.of(r.getString("zone")),
        r.getString("created_by"), r.getOffsetDateTime("created_at").toInstant());
  }
}
