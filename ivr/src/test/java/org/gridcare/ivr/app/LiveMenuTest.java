package org.gridcare.ivr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigException;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.yaml.YamlMenus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class LiveMenuTest {
  static final String GOOD = """
      start: main
      operator: operator
      prompts: {en: {invalid: x, no-input: y, main: "Press 1."}}
      nodes:
        main: {type: menu, prompt: main, options: {1: operator}}
        operator: {type: transfer, topic: contacts}
      """;

  Path file;
  CompletableFuture<IvrMenu> prepared = new CompletableFuture<>();
  LiveMenu live;

  @BeforeEach
  void menuFile(Vertx vertx, @TempDir Path dir) throws Exception {
    IvrEngineTest.loadShippedConfiguration();
    file = dir.resolve("ivr.yaml");
    Files.writeString(file, GOOD);
    YamlMenus yaml = new YamlMenus();
    live = new LiveMenu(vertx, () -> yaml.load(file, Catalogues.of(IvrEngineTest.config)), menu -> {
      prepared.complete(menu);
      return Future.succeededFuture();
    });
    live.reload().await(10, TimeUnit.SECONDS);
    prepared = new CompletableFuture<>();
  }

  @Test
  void badFileIsRejectedAndTheRunningMenuStays() throws Exception {
    IvrMenu running = live.get();
    Files.writeString(file, GOOD.replace("options: {1: operator}", "options: {1: nowhere}"));

    assertThatThrownBy(() -> live.reload().await(10, TimeUnit.SECONDS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nodes.main.options.1: unknown next node \"nowhere\"");
    assertThat(live.get()).isSameAs(running);
    assertThat(prepared).isNotDone();
  }

  @Test
  void goodFileReplacesTheMenuForNewCalls() throws Exception {
    Files.writeString(file, GOOD.replace("Press 1.", "Press 1 now."));

    IvrMenu reloaded = live.reload().await(10, TimeUnit.SECONDS);

    assertThat(live.get()).isSameAs(reloaded);
    assertThat(live.get().promptText("en", "main")).contains("Press 1 now.");
  }

  @Test
  void changedFileIsReloadedByTheWatch() throws Exception {
    live.watch(file, Duration.ofMillis(50)).await(10, TimeUnit.SECONDS);
    Files.writeString(file, GOOD.replace("Press 1.", "Press 1 please."));
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

    prepared.get(10, TimeUnit.SECONDS);
    live.lastReload().await(10, TimeUnit.SECONDS);

    assertThat(live.get().promptText("en", "main")).contains("Press 1 please.");
    live.close();
  }
}
