package org.gridcare.notifications.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A controllable front for the Prism mock: every request is forwarded to Prism (which validates it against Twilio's
 * contract), except those the test asked to fail (429 bursts, 5xx, 21610 for a number). It records every message
 * Prism accepted, gives each a unique sid and echoes its To/Body (Prism's static example does not), and answers the
 * message list from that record, so a sender can look up what really went out.
 */
public final class TwilioStub {
  public record Sent(String to, String body, String sid, String statusCallback, long atNanos) {}

  public record Fault(int status, Integer code) {}

  private final Vertx vertx;
  private final HttpClient client;
  private final int prismPort;
  private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Fault> nextFaults = new ConcurrentLinkedQueue<>();
  private final Map<String, Fault> numberFaults = new ConcurrentHashMap<>();
  private final AtomicInteger rejectedByContract = new AtomicInteger();
  private final AtomicInteger faultsServed = new AtomicInteger();
  private final AtomicInteger answersToLose = new AtomicInteger();
  private final ConcurrentLinkedQueue<Watch> watches = new ConcurrentLinkedQueue<>();
  private HttpServer server;

  private record Watch(int count, CompletableFuture<Void> reached) {}

  private TwilioStub(Vertx vertx, int prismPort) {
    this.vertx = vertx;
    this.prismPort = prismPort;
    this.client = vertx.createHttpClient();
  }

  public static Future<TwilioStub> start(Vertx vertx, int prismPort) {
    TwilioStub stub = new TwilioStub(vertx, prismPort);
    return vertx.createHttpServer().requestHandler(stub::handle).listen(0, "127.0.0.1").map(s -> {
      stub.server = s;
      return stub;
    });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The next {@code n} message requests fail with this status and Twilio error code (null: none). */
  public void failNext(int n, int status, Integer code) {
    for (int i = 0; i < n; i++) {
      nextFaults.add(new Fault(status, code));
    }
  }

  /** Every message to {@code to} fails like this (e.g. 400 / 21610 for an unsubscribed number). */
  public void failFor(String to, int status, int code) {
    numberFaults.put(to, new Fault(status, code));
  }

  /**
   * The next {@code n} messages are accepted (Twilio sends them) but their answers are lost: the client waits
   * until its timeout, as when a connection breaks after the request went out.
   */
  public void loseAnswerNext(int n) {
    answersToLose.addAndGet(n);
  }

  /** Completes once {@code count} messages in total have been accepted. */
  public CompletableFuture<Void> whenAccepted(int count) {
    Watch w = new Watch(count, new CompletableFuture<>());
    watches.add(w);
    check();
    return w.reached();
  }

  public List<Sent> sent() {
    return new ArrayList<>(sent);
  }

  public int rejectedByContract() {
    return rejectedByContract.get();
  }

  public int faultsServed() {
    return faultsServed.get();
  }

  public Future<Void> close() {
    return server.close().eventually(client::close);
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> {
      boolean messages = req.path().endsWith("/Messages.json");
      MultiMap form = messages && "POST".equals(req.method().name()) ? form(body.toString()) : null;
      if (form != null) {
        Fault f = numberFaults.get(form.get("To"));
        if (f == null) {
          f = nextFaults.poll();
        }
        if (f != null) {
          faultsServed.incrementAndGet();
          fail(req, f);
          return;
        }
      }
      RequestOptions options = new RequestOptions().setMethod(req.method()).setHost("127.0.0.1").setPort(prismPort)
          .setURI(req.uri()).setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()).remove("Host"));
      client.request(options)
          .compose(out -> out.send(body).compose(resp -> resp.body().map(b -> new Object[] {resp, b})))
          .onSuccess(r -> respond(req, form, (HttpClientResponse) r[0], (Buffer) r[1]))
          .onFailure(e -> req.response().setStatusCode(502).end(e.toString()));
    });
  }

  private void respond(HttpServerRequest req, MultiMap form, HttpClientResponse resp, Buffer body) {
    Buffer out = body;
    if (resp.statusCode() >= 400) {
      rejectedByContract.incrementAndGet();
    } else if (form != null && resp.statusCode() == 201) {
      JsonObject m = body.toJsonObject();
      String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
      m.put("sid", sid).put("to", form.get("To")).put("body", form.get("Body")).put("status", "queued");
      sent.add(new Sent(form.get("To"), form.get("Body"), sid, form.get("StatusCallback"), System.nanoTime()));
      check();
      if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        faultsServed.incrementAndGet();
        return; // never answered; the client times out
      }
      out = m.toBuffer();
    } else if (req.path().endsWith("/Messages.json") && resp.statusCode() == 200) {
      JsonObject page = body.toJsonObject();
      JsonObject template = page.getJsonArray("messages").getJsonObject(0);
      JsonArray found = new JsonArray();
      String to = req.getParam("To");
      for (Sent s : sent) {
        if (to == null || to.equals(s.to())) {
          found.add(template.copy().put("sid", s.sid()).put("to", s.to()).put("body", s.body()).put("status", "sent"));
        }
      }
      out = page.put("messages", found).put("next_page_uri", (String) null).toBuffer();
    }
    req.response().setStatusCode(resp.statusCode()).putHeader("content-type", resp.getHeader("content-type")).end(out);
  }

  private void check() {
    int n = sent.size();
    watches.removeIf(w -> {
      if (n >= w.count()) {
        w.reached().complete(null);
        return true;
      }
      return false;
    });
  }

  private static void fail(HttpServerRequest req, Fault f) {
    JsonObject error = new JsonObject().put("status", f.status()).put("message", "stub fault")
        .put("more_info", "https://www.twilio.com/docs/errors/" + f.code());
    if (f.code() != null) {
      error.put("code", f.code());
    }
    req.response().setStatusCode(f.status()).putHeader("content-type", "application/json").end(error.encode());
  }

  private static MultiMap form(String body) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.add(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }
}
