package org.gridcare.ivr.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigProblem;
import org.gridcare.ivr.domain.ActionNode;
import org.gridcare.ivr.domain.CollectNode;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.MenuCatalogue;
import org.gridcare.ivr.domain.MenuCatalogue.ActionSpec;
import org.gridcare.ivr.domain.MenuCatalogue.TopicRoute;
import org.gridcare.ivr.domain.MenuNode;
import org.gridcare.ivr.domain.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class YamlMenusTest {
  static final Path FIXTURES = Path.of("src/test/resources/menus");
  static final MenuCatalogue CATALOGUE = new MenuCatalogue(
      Map.of(
          "customer-by-phone", new ActionSpec(Set.of("one", "none", "many"), Set.of(), Set.of("customer.name")),
          "customer-by-number", new ActionSpec(Set.of("found", "not-found"), Set.of("customer-number"), Set.of("customer.name")),
          "customer-by-gsrn", new ActionSpec(Set.of("found", "not-found"), Set.of("gsrn"), Set.of("customer.name"))),
      Map.of(
          "outage", new TopicRoute("outage", 1, 10, false),
          "contacts", new TopicRoute("contacts", 1, 0, false)),
      Set.of(1, 2, 3), List.of("en", "ru"));

  private final YamlMenus menus = new YamlMenus();

  @Test
  void goodMenuLoadsWithEveryNodeKindAndDefaults() {
    IvrMenu menu = menus.load(FIXTURES.resolve("good-minimal.yaml"), CATALOGUE);

    assertThat(menu.start()).isEqualTo("main");
    assertThat(menu.tries()).isEqualTo(IvrMenu.DEFAULT_TRIES);
    assertThat(menu.nodes()).containsOnlyKeys("main", "ask-number", "find", "hello", "outage", "operator", "bye");
    assertThat(((MenuNode) menu.node("main")).options()).containsEntry("1", "outage").containsEntry("#", "bye");
    CollectNode collect = (CollectNode) menu.node("ask-number");
    assertThat(collect.validator()).isEqualTo(Validator.CUSTOMER_NUMBER);
    assertThat(collect.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(collect.terminator()).isEqualTo("#");
    assertThat(((ActionNode) menu.node("find")).next("not-found")).isEqualTo("operator");
    assertThat(menu.promptText("ru", "main")).contains("Нажмите 1 ...");
    assertThat(menu.promptText("ru", "bye")).contains("До свидания.");
  }

  static Stream<Path> badMenus() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.filter(f -> f.getFileName().toString().startsWith("bad-")).sorted().toList().stream();
    }
  }

  /** Each bad fixture states in its first lines the one problem it must be rejected with. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badMenus")
  void badMenuIsRejectedNamingTheNodeAndField(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String key = lines.get(0).replace("# expect-key:", "").strip();
    String problem = lines.get(1).replace("# expect-problem:", "").strip();

    assertThatThrownBy(() -> menus.load(file, CATALOGUE))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          List<ConfigProblem> problems = ((ConfigException) e).problems();
          assertThat(problems).as("problems of %s", file).hasSize(1);
          assertThat(problems.get(0).file()).isEqualTo(file.toString());
          assertThat(problems.get(0).key()).isEqualTo(key);
          assertThat(problems.get(0).problem()).contains(problem);
        });
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnce() {
    String yaml = """
        start: main
        operator: operator
        prompts: {en: {invalid: x, no-input: y, main: z}}
        nodes:
          main: {type: menu, prompt: main, options: {1: nowhere, "*": operator}}
          ask: {type: collect, prompt: missing, max-length: 4, into: x, next: main}
          operator: {type: transfer, topic: contacts}
        """;
    assertThatThrownBy(() -> menus.parse(yaml, "ivr.yaml", CATALOGUE))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).problems().stream().map(ConfigProblem::key).toList())
        .asList()
        .containsExactlyInAnyOrder("nodes.main.options.1", "nodes.main.options.*", "nodes.ask.prompt");
  }

  @Test
  void aLanguageCallersCanChooseMustHaveEveryPromptAndThePhrasesItsActionsNeed() {
    MenuCatalogue catalogue = new MenuCatalogue(Map.of("outages-in-area", new ActionSpec(Set.of("found"), Set.of(),
        Set.of("outage.kind"), Set.of(), Set.of("outage-planned", "time-unknown"))), CATALOGUE.topics(),
        CATALOGUE.lines(), CATALOGUE.languages());
    String yaml = """
        start: main
        operator: operator
        prompts:
          en: {invalid: x, no-input: y, main: "1 English, 2 Russian", outage: "There is {outage.kind} outage.", bye: Bye}
        phrases:
          en: {outage-planned: a planned, time-unknown: not yet known, cause-unknown: unknown}
          ru: {outage-planned: плановое}
        nodes:
          main: {type: language, prompt: main, options: {1: en, 2: ru}, next: find}
          find: {type: action, service: outages-in-area, results: {found: outage}, otherwise: operator}
          outage: {type: play, prompt: outage, next: operator}
          operator: {type: transfer, topic: contacts, prompt: bye}
        """;
    assertThatThrownBy(() -> menus.parse(yaml, "ivr.yaml", catalogue))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).problems().stream().map(p -> p.key() + ": " + p.problem()).toList())
        .asList()
        .containsExactlyInAnyOrder(
            "prompts.ru.invalid: missing prompt (played before a re-prompt)",
            "prompts.ru.no-input: missing prompt (played before a re-prompt)",
            "nodes.main.prompt: prompt \"main\" has no text in [prompts.ru] (a language callers can choose)",
            "nodes.outage.prompt: prompt \"outage\" has no text in [prompts.ru] (a language callers can choose)",
            "nodes.operator.prompt: prompt \"bye\" has no text in [prompts.ru] (a language callers can choose)",
            "phrases.ru.cause-unknown: missing phrase (other languages define it)",
            "phrases.ru.time-unknown: missing phrase (other languages define it)",
            "nodes.find.service: \"outages-in-area\" needs the phrase \"time-unknown\" in [phrases.ru]");
  }

  @Test
  void theShippedMenuHasEveryPromptInEveryLanguage() {
    IvrMenu menu = menus.load(Path.of("../config/ivr.yaml"), org.gridcare.ivr.app.Catalogues.of(
        org.gridcare.config.ConfigLoader.load(Path.of("../config/contact-centre.yaml"), Map.of())));
    assertThat(menu.prompts().get("ru").keySet()).isEqualTo(menu.prompts().get("en").keySet());
    assertThat(menu.phrases().get("ru").keySet()).isEqualTo(menu.phrases().get("en").keySet());
  }

  @Test
  void missingFileIsAProblemNotACrash() {
    assertThatThrownBy(() -> menus.load(FIXTURES.resolve("absent.yaml"), CATALOGUE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("absent.yaml: (root): file not found");
  }
}
