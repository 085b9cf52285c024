package org.gridcare.server.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "notify", mixinStandardHelpOptions = true, description = "Outage informing.",
    subcommands = NotifyCommand.Status.class)
final class NotifyCommand {

  /**
   * Reads a campaign's progress over a running server's HTTP API (so it works against any instance): an SMS
   * progress bar with the counts per state, and the voice calls and operator call list when there are any.
   */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Progress of an outage notification: sent, delivered, failed, pending. ID is a campaign id or an "
          + "outage id (all its notifications). Signs in as --user with the password from $CC_PASSWORD or "
          + "--password-file. Exit code 1 when the ID is unknown, 3 when the server refuses or cannot be reached.")
  static final class Status implements Callable<Integer> {
    private static final int BAR = 30;
    /** SMS and call states that are still moving. */
    private static final Set<String> UNFINISHED = Set.of("pending", "sending", "calling");

    @Parameters(index = "0", paramLabel = "ID", description = "campaign or outage id (UUID)")
    String id;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
        description = "the server's base URL (default ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--user", required = true, description = "a supervisor's (or admin's) username")
    String user;

    @Option(names = "--password-file", description = "file holding the password (else $CC_PASSWORD)")
    Path passwordFile;

    @Option(names = "--follow", description = "refresh until nothing is pending any more")
    boolean follow;

    @Option(names = "--every", defaultValue = "2",
        description = "seconds between refreshes with --follow (default ${DEFAULT-VALUE})")
    int every;

    @Spec CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (every < 1) {
        err.println("notify status: --every must be at least 1 second");
        return 2;
      }
      String password;
      try {
        password = password();
      } catch (IllegalArgumentException e) {
        err.println("notify status: " + e.getMessage());
        return 2;
      }
      try {
        String token = login(password);
        boolean tty = System.console() != null;
        int drawn = 0;
        String last = null;
        while (true) {
          List<JsonObject> campaigns = campaigns(token);
          if (campaigns == null) {
            err.println("notify status: no campaign or outage " + id);
            return 1;
          }
          String frame = render(campaigns);
          if (!frame.equals(last)) {
            if (tty && drawn > 0) {
              out.print("\033[" + drawn + "A\033[J"); // redraw in place
            }
            out.print(frame);
            out.flush();
            drawn = (int) frame.chars().filter(c -> c == '\n').count();
            last = frame;
          }
          if (!follow || campaigns.stream().allMatch(Status::finished)) {
            return 0;
          }
          Thread.sleep(every * 1000L); // a CLI polling a server: nothing to await but time
        }
      } catch (Refused e) {
        err.println("notify status: " + e.getMessage());
        return 3;
      } catch (ConnectException e) {
        err.println("notify status: cannot reach " + url + " (is the server running? --url)");
        return 3;
      }
    }

    private String password() throws IOException {
      if (passwordFile != null) {
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      }
      String env = System.getenv("CC_PASSWORD");
      if (env == null || env.isEmpty()) {
        throw new IllegalArgumentException("no password: set CC_PASSWORD or pass --password-file");
      }
      return env;
    }

    private String login(String password) throws IOException, InterruptedException {
      HttpResponse<String> r = send(HttpRequest.newBuilder(resolve("/api/auth/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              new JsonObject().put("username", user).put("password", password).encode())), null);
      if (r.statusCode() != 200) {
        throw new Refused("sign-in as " + user + " refused: " + problem(r));
      }
      return new JsonObject(r.body()).getString("token");
    }

    /** The campaign named by the id, or all of the outage's; null when the id is neither. */
    private List<JsonObject> campaigns(String token) throws IOException, InterruptedException {
      HttpResponse<String> r = send(HttpRequest.newBuilder(resolve("/api/notifications/campaigns/" + id)).GET(), token);
      if (r.statusCode() == 200) {
        return List.of(new JsonObject(r.body()));
      }
      if (r.statusCode() != 404 && r.statusCode() != 400) {
        throw new Refused(problem(r));
      }
      r = send(HttpRequest.newBuilder(resolve("/api/notifications/outages/" + id)).GET(), token);
      if (r.statusCode() == 404 || r.statusCode() == 400) {
        return null;
      }
      if (r.statusCode() != 200) {
        throw new Refused(problem(r));
      }
      r = send(HttpRequest.newBuilder(resolve("/api/notifications/outages/" + id + "/campaigns")).GET(), token);
      if (r.statusCode() != 200) {
        throw new Refused(problem(r));
      }
      List<JsonObject> all = new ArrayList<>();
      new JsonArray(r.body()).forEach(o -> all.add((JsonObject) o));
      return all;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token)
        throws IOException, InterruptedException {
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI resolve(String path) {
      return URI.create(url.toString().replaceAll("/+$", "") + path);
    }

    private static String problem(HttpResponse<String> r) {
      try {
        JsonObject e = new JsonObject(r.body());
        return "HTTP " + r.statusCode() + " " + e.getString("error", "") + ": " + e.getString("message", "");
      } catch (DecodeException | ClassCastException e) {
        return "HTTP " + r.statusCode();
      }
    }

    static boolean finished(JsonObject campaign) {
      return campaign.getJsonObject("sms").fieldNames().stream()
              .noneMatch(s -> UNFINISHED.contains(s) && campaign.getJsonObject("sms").getLong(s) > 0)
          && campaign.getJsonObject("calls").fieldNames().stream()
              .noneMatch(s -> UNFINISHED.contains(s) && campaign.getJsonObject("calls").getLong(s) > 0);
    }

    /**
     * One block per campaign, e.g.
     * <pre>
     * campaign 0b6f… outage_started (outage 51c2…)
     *   SMS [############----------------]  40%  8/20  sent 6 · delivered 2 · failed 0 · opted out 0 · pending 12
     * </pre>
     */
    static String render(List<JsonObject> campaigns) {
      StringBuilder b = new StringBuilder();
      if (campaigns.isEmpty()) {
        b.append("no notifications sent about this outage yet\n");
      }
      for (JsonObject c : campaigns) {
        JsonObject sms = c.getJsonObject("sms");
        long sent = sms.getLong("sent", 0L);
        long delivered = sms.getLong("delivered", 0L);
        long failed = sms.getLong("failed", 0L) + sms.getLong("undelivered", 0L);
        long optedOut = sms.getLong("opted_out", 0L);
        long pending = sms.getLong("pending", 0L) + sms.getLong("sending", 0L);
        long total = sent + delivered + failed + optedOut + pending;
        long done = total - pending;
        b.append("campaign ").append(c.getString("id")).append(' ').append(c.getString("kind"))
            .append(" (outage ").append(c.getString("outageId")).append(")\n");
        b.append(String.format(
            "  SMS %s %3d%%  %d/%d  sent %d · delivered %d · failed %d · opted out %d · pending %d%n",
            bar(delivered, sent, failed + optedOut, total), total == 0 ? 100 : done * 100 / total, done, total,
            sent, delivered, failed, optedOut, pending));
        JsonObject calls = c.getJsonObject("calls");
        if (!calls.isEmpty()) {
          b.append("  calls");
          calls.fieldNames().stream().sorted()
              .forEach(k -> b.append(' ').append(k).append(' ').append(calls.getLong(k)));
          b.append('\n');
        }
        if (c.getInteger("operatorCalls", 0) > 0) {
          b.append("  operator call list (line 1): ").append(c.getInteger("operatorCalls")).append('\n');
        }
      }
      return b.toString();
    }

    /**
     * {@code #} delivered, {@code =} sent (awaiting the delivery report), {@code x} failed or opted out,
     * {@code -} pending.
     */
    private static String bar(long delivered, long sent, long failed, long total) {
      if (total == 0) {
        return "[" + " ".repeat(BAR) + "]";
      }
      int d = (int) (delivered * BAR / total);
      int s = (int) ((delivered + sent) * BAR / total) - d;
      int f = (int) ((delivered + sent + failed) * BAR / total) - d - s;
      return "[" + "#".repeat(d) + "=".repeat(s) + "x".repeat(f) + "-".repeat(BAR - d - s - f) + "]";
    }
  }

  /** The server answered, but not with what was asked. */
  private static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }
}
