package org.gridcare.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Consumer;
import org.gridcare.server.SimulatorScenario;

/** The simulator control API ({@code openapi/simulator.yaml}), mounted only in simulator mode. */
public final class HttpSimulatorRoutes implements Consumer<RouterBuilder> {
  public static final String FRAGMENT = "openapi/simulator.yaml";
  private final SimulatorScenario scenario;

  public HttpSimulatorRoutes(SimulatorScenario scenario) {
    this.scenario = scenario;
  }

  @Override
  public void accept(RouterBuilder rb) {
    HttpApi.on(rb, "runSimulatorScenario", ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      scenario.run(new SimulatorScenario.Settings(body.getInteger("calls"), body.getNumber("rate").doubleValue(),
              body.getLong("seed"), body.getInteger("agents", 0)))
          .onSuccess(summary -> HttpApi.json(ctx, 200, summary))
          .onFailure(ctx::fail);
    });
  }
}
