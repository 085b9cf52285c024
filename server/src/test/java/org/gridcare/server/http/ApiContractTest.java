package org.gridcare.server.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A document and its handlers must match one to one, or the server refuses to start. */
class ApiContractTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anOperationWithoutAHandlerFailsStart() {
    JsonObject document = ApiContract.merge(List.of("openapi/base.yaml", "openapi/orphan.yaml"));
    assertThatThrownBy(() -> await(api(document, List.of()).router()))
        .hasMessageContaining("operation orphanOperation has no handler");
  }

  @Test
  void aHandlerForAnUndocumentedOperationFailsStart() {
    JsonObject document = ApiContract.merge(List.of("openapi/base.yaml"));
    Consumer<RouterBuilder> rogue = rb -> HttpApi.on(rb, "notInTheDocument", ctx -> ctx.end());
    assertThatThrownBy(() -> await(api(document, List.of(rogue)).router()))
        .hasMessageContaining("no operation notInTheDocument in the OpenAPI contract");
  }

  @Test
  void twoFragmentsDefiningTheSameOperationAreRejected() {
    assertThatThrownBy(() -> ApiContract.merge(List.of("openapi/base.yaml", "openapi/orphan.yaml", "openapi/orphan.yaml")))
        .hasMessageContaining("defined twice");
  }

  private HttpApi api(JsonObject document, List<Consumer<RouterBuilder>> modules) {
    return new HttpApi(vertx, document, null, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> Future.succeededFuture(new JsonObject()), modules);
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
