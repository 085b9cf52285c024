package org.gridcare.server.notify;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gridcare.server.cli.TwilioMock;

/**
 * Twilio for server tests: Stoplight Prism serving Twilio's published OpenAPI spec (so every request the SDK makes is
 * validated against Twilio's contract: 401 without Basic credentials, 422 on a missing or malformed field), behind a
 * recorder that keeps each exchange, so a test can count the messages Twilio accepted.
 */
final class RecordedTwilio implements AutoCloseable {
  /** One request the SDK made and what the spec-checking mock answered. */
  record Exchange(String method, String path, MultiMap form, int status) {
    boolean message() {
      return "POST".equals(method) && path.matches("/2010-04-01/Accounts/[^/]+/Messages\\.json");
    }
  }

  private record Watch(int count, CompletableFuture<Void> reached) {}

  private final TwilioMock prism;
  private final HttpServer server;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<Watch> watches = new CopyOnWriteArrayList<>();

  private RecordedTwilio(Vertx vertx, TwilioMock prism) throws Exception {
    this.prism = prism;
    URI upstream = URI.create(prism.baseUrl());
    HttpClient client = vertx.createHttpClient();
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      RequestOptions forward = new RequestOptions().setMethod(req.method()).setHost(upstream.getHost())
          .setPort(upstream.getPort()).setURI(req.uri());
      req.headers().forEach((k, v) -> {
        if (!k.equalsIgnoreCase("host")) {
          forward.addHeader(k, v);
        }
      });
      client.request(forward).compose(out -> out.send(body)).compose(answer -> answer.body().compose(b -> {
        record(req.method().name(), req.path(), body.toString(), answer);
        String type = answer.getHeader("content-type");
        if (type != null) {
          req.response().putHeader("content-type", type);
        }
        return req.response().setStatusCode(answer.statusCode()).end(b);
      })).onFailure(e -> req.response().setStatusCode(502).end(e.toString()));
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  /** Starts Prism (installed into target/tools/prism by scripts/twilio-mock.sh on first use) and the recorder. */
  static RecordedTwilio start(Vertx vertx) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(TwilioMock.available(),
        "node and npm are not installed: the Twilio contract mock needs them (CI has them)");
    TwilioMock prism = TwilioMock.process();
    try {
      return new RecordedTwilio(vertx, prism);
    } catch (Exception e) {
      prism.close();
      throw e;
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** "To Body" of each message Twilio's contract accepted (2xx), in order. */
  List<String> accepted() {
    return exchanges.stream().filter(x -> x.message() && x.status() / 100 == 2)
        .map(x -> x.form().get("To") + " " + x.form().get("Body")).toList();
  }

  /** Requests the spec-checking mock refused (4xx/5xx). */
  List<Exchange> refused() {
    return exchanges.stream().filter(x -> x.status() >= 400).toList();
  }

  /** Completes once {@code count} messages in total were accepted. */
  CompletableFuture<Void> whenAccepted(int count) {
    Watch w = new Watch(count, new CompletableFuture<>());
    watches.add(w);
    if (accepted().size() >= count) {
      w.reached().complete(null);
    }
    return w.reached();
  }

  private void record(String method, String path, String body, HttpClientResponse answer) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
      String[] kv = pair.split("=", 2);
      form.add(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    exchanges.add(new Exchange(method, path, form, answer.statusCode()));
    int accepted = accepted().size();
    watches.forEach(w -> {
      if (accepted >= w.count()) {
        w.reached().complete(null);
      }
    });
  }

  @Override
  public void close() throws Exception {
    try {
      server.close().await(10, TimeUnit.SECONDS);
    } finally {
      prism.close();
    }
  }
}
