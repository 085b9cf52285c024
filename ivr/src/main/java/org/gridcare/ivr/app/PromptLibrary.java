package org.gridcare.ivr.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gridcare.ivr.domain.IvrMenu;
import org.gridcare.ivr.domain.Variables;
import org.gridcare.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompts of a menu as sound files. A prompt without placeholders plays the recorded file
 * {@code <recorded-dir>/<language>/<id>.wav} when there is one, otherwise its text spoken by TTS; those are resolved
 * once, at {@link #prepare} (start and every reload). A prompt with placeholders is filled in and spoken per call
 * (cached by content). A language the TTS cannot speak falls back to the default language's text for the prompts
 * that have no recording.
 */
public final class PromptLibrary implements Prompts {
  private static final Logger LOG = LoggerFactory.getLogger(PromptLibrary.class);

  private final Vertx vertx;
  private final TtsCache cache;
  private final Path recordedDir;
  /** Resolved static prompts: language, prompt id and text → sound file (path without extension). */
  private final Map<String, String> ready = new ConcurrentHashMap<>();

  public PromptLibrary(Vertx vertx, TtsCache cache, Path recordedDir) {
    this.vertx = vertx;
    this.cache = cache;
    this.recordedDir = recordedDir.toAbsolutePath();
  }

  /** Resolves every static prompt of the menu in each of its languages (recorded file or pre-rendered speech). */
  public Future<Void> prepare(IvrMenu menu) {
    Set<String> ids = new LinkedHashSet<>();
    menu.prompts().values().forEach(set -> ids.addAll(set.keySet()));
    List<Future<String>> all = new ArrayList<>();
    for (String language : menu.languages()) {
      if (!cache.tts().speaks(language)) {
        LOG.info("TTS {} does not speak {}: its prompts without a recording in {} are spoken in {}", cache.tts().name(),
            language, recordedDir.resolve(language), menu.defaultLanguage());
      }
      for (String id : ids) {
        String text = text(menu, language, id);
        if (Variables.isStatic(text)) {
          all.add(resolveStatic(menu, language, id, text).onSuccess(file -> ready.put(key(language, id, text), file)));
        }
      }
    }
    return Future.all(all).mapEmpty();
  }

  @Override
  public Future<String> sound(IvrMenu menu, String language, String promptId, Map<String, String> variables) {
    String text = text(menu, language, promptId);
    if (Variables.isStatic(text)) {
      String key = key(language, promptId, text);
      String file = ready.get(key);
      return file != null ? Future.succeededFuture(file)
          : resolveStatic(menu, language, promptId, text).onSuccess(f -> ready.put(key, f));
    }
    return speak(menu, language, promptId, variables);
  }

  private Future<String> resolveStatic(IvrMenu menu, String language, String id, String text) {
    Path recorded = recordedDir.resolve(language).resolve(id + ".wav");
    return vertx.fileSystem().exists(recorded.toString()).compose(present -> present
        ? Future.succeededFuture(withoutExtension(recorded))
        : speak(menu, language, id, Map.of()));
  }

  private Future<String> speak(IvrMenu menu, String language, String id, Map<String, String> variables) {
    // A prompt the language's set lacks is the default language's text: spoken by that language's voice.
    boolean ownText = menu.prompts().getOrDefault(language, Map.of()).containsKey(id);
    String spoken = ownText && cache.tts().speaks(language) ? language : menu.defaultLanguage();
    if (!cache.tts().speaks(spoken)) {
      return Future.failedFuture(DomainException.unavailable("tts-language", "TTS " + cache.tts().name()
          + " speaks neither " + language + " nor " + menu.defaultLanguage() + " (prompt " + id + ")", null));
    }
    String template = text(menu, spoken, id);
    String filled = Variables.fill(template, variables);
    return (Variables.isPersonal(template) ? cache.renderPersonal(spoken, filled) : cache.render(spoken, filled))
        .map(PromptLibrary::withoutExtension);
  }

  /** The text in the language, or the default language's when the language's set lacks the prompt. */
  private static String text(IvrMenu menu, String language, String id) {
    return menu.promptText(language, id).orElseThrow(() -> new IllegalArgumentException("no prompt " + id));
  }

  private static String key(String language, String id, String text) {
    return language + '\0' + id + '\0' + text;
  }

  /** Asterisk picks the format from the files it finds: prompts are named without extension. */
  private static String withoutExtension(Path file) {
    String s = file.toString();
    return s.endsWith(".wav") ? s.substring(0, s.length() - 4) : s;
  }
}
