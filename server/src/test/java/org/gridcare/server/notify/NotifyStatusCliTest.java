package org.gridcare.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.domain.Area;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.server.cli.ContactCentreCommand;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./contact-centre notify status} against a running server over its HTTP API: an outage over a sample grid
 * area (Twilio not configured, so its SMS stay pending until the test moves them), read by outage id and by
 * campaign id, followed until done; unknown ids and refused sign-ins get their exit codes.
 */
@RealServers
class NotifyStatusCliTest {
  private static final String PASSWORD = "supervisor-password-1";
  private static ContactCentre cc;
  private static UUID outageId;
  private static UUID campaignId;
  private static Path passwordFile;

  @BeforeAll
  static void start(StorageSettings storage, @TempDir Path dir) throws Exception {
    cc = await(ContactCentre.start(TestCentre.config(storage, dir)));
    await(cc.authentication().addUser("test", new Identity("sup1", Set.of(Role.SUPERVISOR), List.of(1)), PASSWORD));
    await(cc.authentication().addUser("test", new Identity("op1", Set.of(Role.AGENT), List.of(1)), PASSWORD));
    passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    await(cc.crm().loadSampleData(60));
    outageId = report("Grefsen", "Kjelsås");
    campaignId = campaignOf(outageId);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cc != null) {
      await(cc.stop());
    }
  }

  @Test
  void byOutageIdShowsEveryCampaignWithItsPendingMessages() throws Exception {
    Map<String, Long> states = smsStates();
    long total = states.values().stream().mapToLong(Long::longValue).sum();
    assertThat(total).as("customers with a mobile in Grefsen/Kjelsås").isPositive();

    Result r = run("notify", "status", outageId.toString(), "--url", url(), "--user", "sup1",
        "--password-file", passwordFile.toString());

    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("campaign " + campaignId, "(outage " + outageId + ")")
        .contains("SMS [" + "-".repeat(30) + "]   0%  0/" + total)
        .contains("pending " + total);
  }

  @Test
  void followRedrawsUntilNothingIsPendingThenExits() throws Exception {
    UUID campaign = campaignOf(report("Nesttun", "Fana"));
    long total = await(cc.storage().pool().preparedQuery("SELECT count(*) AS n FROM notify_sms WHERE campaign_id=$1")
        .execute(Tuple.of(campaign))).iterator().next().getLong("n");
    assertThat(total).isGreaterThan(2);
    Watched out = new Watched("pending " + total);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(new ContactCentreCommand())
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter(), true))
        .execute("notify", "status", campaign.toString(), "--follow", "--every", "1", "--url", url(),
            "--user", "sup1", "--password-file", passwordFile.toString()));

    out.seen.get(60, TimeUnit.SECONDS);
    // The provider accepted one, delivered one, and refused the rest for good.
    await(cc.storage().pool().preparedQuery("UPDATE notify_sms SET state = CASE "
        + "WHEN id = (SELECT min(id) FROM notify_sms WHERE campaign_id=$1) THEN 'DELIVERED' "
        + "WHEN id = (SELECT max(id) FROM notify_sms WHERE campaign_id=$1) THEN 'SENT' ELSE 'FAILED' END "
        + "WHERE campaign_id=$1").execute(Tuple.of(campaign)));

    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString()).contains("100%  " + total + "/" + total)
        .contains("sent 1 · delivered 1 · failed " + (total - 2) + " · opted out 0 · pending 0");
  }

  @Test
  void unknownIdExitsWith1() {
    Result r = run("notify", "status", UUID.randomUUID().toString(), "--url", url(), "--user", "sup1",
        "--password-file", passwordFile.toString());
    assertThat(r.code).isEqualTo(1);
    assertThat(r.err).contains("no campaign or outage");
  }

  @Test
  void wrongPasswordAndAgentsAreRefusedWithExitCode3(@TempDir Path dir) throws Exception {
    Result wrong = run("notify", "status", outageId.toString(), "--url", url(), "--user", "sup1",
        "--password-file", Files.writeString(dir.resolve("wrong"), "not-the-password").toString());
    assertThat(wrong.code).isEqualTo(3);
    assertThat(wrong.err).contains("sign-in as sup1 refused", "401");

    Result agent = run("notify", "status", campaignId.toString(), "--url", url(), "--user", "op1",
        "--password-file", passwordFile.toString());
    assertThat(agent.code).isEqualTo(3);
    assertThat(agent.err).contains("403");
  }

  @Test
  void noPasswordIsAUsageError() {
    Result r = run("notify", "status", outageId.toString(), "--url", url(), "--user", "sup1");
    // CC_PASSWORD is not set in the test JVM's environment
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("CC_PASSWORD");
  }

  private static UUID report(String... substations) throws Exception {
    return await(cc.notifications().outages().report(new ReportOutage(
        new Area(Set.of(substations), Set.of(), Set.of()), "storm damage", null, null, "test", null))).id();
  }

  private static UUID campaignOf(UUID outage) throws Exception {
    return await(cc.storage().pool().preparedQuery("SELECT id FROM notify_campaign WHERE outage_id=$1")
        .execute(Tuple.of(outage))).iterator().next().getUUID("id");
  }

  private static Map<String, Long> smsStates() throws Exception {
    Map<String, Long> states = new HashMap<>();
    for (Row row : await(cc.storage().pool().preparedQuery("SELECT state, count(*) AS n FROM notify_sms "
        + "WHERE campaign_id=$1 GROUP BY state").execute(Tuple.of(campaignId)))) {
      states.put(row.getString("state"), row.getLong("n"));
    }
    return states;
  }

  private static String url() {
    return "http://127.0.0.1:" + cc.httpPort();
  }

  /** The command's output; {@code seen} completes once it shows the awaited text. */
  private static final class Watched extends StringWriter {
    private final String awaited;
    final CompletableFuture<Void> seen = new CompletableFuture<>();

    Watched(String awaited) {
      this.awaited = awaited;
    }

    @Override
    public void flush() {
      if (toString().contains(awaited)) {
        seen.complete(null);
      }
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new ContactCentreCommand()).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
