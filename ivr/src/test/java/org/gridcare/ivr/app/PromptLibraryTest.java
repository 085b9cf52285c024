package org.gridcare.ivr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.ivr.domain.HangUpNode;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.freetts.FreeTts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Prompts through the real FreeTTS voice, counting how often it is asked to synthesise. */
@ExtendWith(VertxExtension.class)
class PromptLibraryTest {
  static FreeTts freeTts;
  final Counting tts = new Counting();

  static final IvrMenu MENU = new IvrMenu("bye", "bye", 3, IvrMenu.DEFAULT_TIMEOUT, "en",
      Map.of(
          "en", Map.of("invalid", "Sorry, that is not one of the choices.", "no-input", "Sorry, I did not hear a key.",
              "bye", "Goodbye.", "greet", "Hello {customer.name}."),
          "ru", Map.of("bye", "До свидания.")),
      Map.of("bye", new HangUpNode("bye", "bye")));

  @BeforeAll
  static void loadVoice() {
    freeTts = FreeTts.load("kevin");
  }

  @AfterAll
  static void release() {
    freeTts.close();
  }

  /** The real voice, counting syntheses. */
  static final class Counting implements Tts {
    final AtomicInteger syntheses = new AtomicInteger();

    @Override
    public String name() {
      return freeTts.name();
    }

    @Override
    public boolean speaks(String language) {
      return freeTts.speaks(language);
    }

    @Override
    public byte[] synthesise(String language, String text) {
      syntheses.incrementAndGet();
      return freeTts.synthesise(language, text);
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }

  @Test
  void aCachedTextIsNotSynthesisedAgainEvenAfterARestart(Vertx vertx, @TempDir Path dir) throws Exception {
    TtsCache cache = new TtsCache(vertx, tts, dir);
    Path first = await(cache.render("en", "Power is expected back at 13:00."));
    Path again = await(cache.render("en", "Power is expected back at 13:00."));
    assertThat(again).isEqualTo(first);
    assertThat(tts.syntheses).hasValue(1);
    assertThat(first.getParent()).isEqualTo(dir.toAbsolutePath());
    assertThat(first.getFileName().toString()).matches("[0-9a-f]{64}\\.wav");

    await(cache.render("en", "Power is expected back at 14:00."));
    assertThat(tts.syntheses).hasValue(2);

    TtsCache restarted = new TtsCache(vertx, tts, dir);
    assertThat(await(restarted.render("en", "Power is expected back at 13:00."))).isEqualTo(first);
    assertThat(tts.syntheses).hasValue(2);
    cache.close();
    restarted.close();
  }

  @Test
  void concurrentCallersForTheSameSentenceShareOneRendering(Vertx vertx, @TempDir Path dir) throws Exception {
    TtsCache cache = new TtsCache(vertx, tts, dir);
    List<Future<Path>> renders = List.of(cache.render("en", "Storm outage"), cache.render("en", "Storm outage"),
        cache.render("en", "Storm outage"));
    await(Future.all(renders));
    assertThat(tts.syntheses).hasValue(1);
    cache.close();
  }

  @Test
  void staticPromptsArePreRenderedAndRecordedFilesWin(Vertx vertx, @TempDir Path dir) throws Exception {
    Path recorded = dir.resolve("recorded");
    Files.createDirectories(recorded.resolve("en"));
    Files.write(recorded.resolve("en/bye.wav"), new byte[] {1});
    TtsCache cache = new TtsCache(vertx, tts, dir.resolve("tts"));
    PromptLibrary prompts = new PromptLibrary(vertx, cache, recorded);

    await(prompts.prepare(MENU));
    // en: invalid and no-input rendered, bye recorded. ru: FreeTTS has no Russian and ru/bye.wav is not recorded,
    // so the English "Goodbye." is rendered; ru invalid/no-input share the English renderings.
    int afterPrepare = tts.syntheses.get();
    assertThat(afterPrepare).isEqualTo(3);

    assertThat(await(prompts.sound(MENU, "en", "bye", Map.of()))).isEqualTo(recorded.resolve("en/bye").toString());
    String ruBye = await(prompts.sound(MENU, "ru", "bye", Map.of()));
    assertThat(Path.of(ruBye + ".wav")).exists();
    String ruInvalid = await(prompts.sound(MENU, "ru", "invalid", Map.of()));
    assertThat(ruInvalid).isEqualTo(await(prompts.sound(MENU, "en", "invalid", Map.of())));
    assertThat(tts.syntheses).as("static prompts played after prepare are not synthesised").hasValue(afterPrepare);

    String greet = await(prompts.sound(MENU, "en", "greet", Map.of("customer.name", "Anna Berg")));
    assertThat(Path.of(greet + ".wav")).exists();
    assertThat(tts.syntheses).hasValue(afterPrepare + 1);
    cache.close();
  }

  @Test
  void spokenNamesAreKeptApartAndPurgedAfterTheirRetention(Vertx vertx, @TempDir Path dir) throws Exception {
    TtsCache cache = new TtsCache(vertx, tts, dir);
    PromptLibrary prompts = new PromptLibrary(vertx, cache, dir.resolve("recorded"));
    Path anna = Path.of(await(prompts.sound(MENU, "en", "greet", Map.of("customer.name", "Anna Berg"))) + ".wav");
    Path ivan = Path.of(await(prompts.sound(MENU, "en", "greet", Map.of("customer.name", "Ivan Petrov"))) + ".wav");
    Path bye = Path.of(await(prompts.sound(MENU, "en", "bye", Map.of())) + ".wav");
    assertThat(anna.getParent()).isEqualTo(dir.toAbsolutePath().resolve("personal"));
    assertThat(bye.getParent()).isEqualTo(dir.toAbsolutePath());
    java.time.Instant now = java.time.Instant.now();
    Files.setLastModifiedTime(anna, java.nio.file.attribute.FileTime.from(now.minusSeconds(7200)));

    assertThat(await(cache.purgePersonal(now.minusSeconds(3600)))).isEqualTo(1);

    assertThat(anna).doesNotExist();
    assertThat(ivan).exists();
    assertThat(bye).exists();
    cache.close();
  }
}
