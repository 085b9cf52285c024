package org.gridcare.server.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * Plain HTTP calls to the server under test with an optional bearer token. Server-Sent Events streams never end, so
 * for them only the status is read and the connection closed.
 */
final class Client implements AutoCloseable {
  record Answer(int status, String body) {
    String error() {
      try {
        return new JsonObject(body).getString("error", "");
      } catch (RuntimeException e) {
        return "";
      }
    }
  }

  private final HttpClient http;
  private final int port;

  Client(Vertx vertx, int port) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setMaxInitialLineLength(64 * 1024).setKeepAlive(false));
    this.port = port;
  }

  Answer send(Operations.Call call, String token) throws Exception {
    return send(call.method(), call.uri(), call.body(), token, null);
  }

  Answer send(String method, String uri, String body, String token, String cookie) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method.toUpperCase()))
        .setHost("127.0.0.1").setPort(port).setURI(uri);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      options.putHeader("Cookie", cookie);
    }
    if (body != null) {
      options.putHeader("content-type", "application/json");
    }
    Future<Answer> answer = http.request(options)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(resp -> {
          String type = resp.getHeader("content-type");
          if (type != null && type.startsWith("text/event-stream")) {
            resp.request().connection().close();
            return Future.succeededFuture(new Answer(resp.statusCode(), ""));
          }
          return resp.body().map(b -> new Answer(resp.statusCode(), b.toString()));
        });
    return answer.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String login(String username, String password) throws Exception {
    Answer a = send("POST", "/api/auth/login",
        new JsonObject().put("username", username).put("password", password).encode(), null, null);
    if (a.status() != 200) {
      throw new AssertionError("login " + username + ": " + a);
    }
    return new JsonObject(a.body()).getString("token");
  }

  @Override
  public void close() throws Exception {
    http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
