package org.gridcare.pbxsim.dialplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** A parsed dialplan: contexts of extensions (literal or pattern, in file order) and the [globals]. */
public final class Dialplan {
  private final Map<String, Map<String, List<DialplanStep>>> contexts;
  private final Map<String, String> globals;

  Dialplan(Map<String, Map<String, List<DialplanStep>>> contexts, Map<String, String> globals) {
    this.contexts = contexts;
    this.globals = globals;
  }

  public Set<String> contexts() {
    return Collections.unmodifiableSet(contexts.keySet());
  }

  public Map<String, String> globals() {
    return Collections.unmodifiableMap(globals);
  }

  public boolean hasContext(String context) {
    return contexts.containsKey(context);
  }

  /** The extension entry (literal first, then the first matching pattern) that {@code exten} runs in. */
  public Optional<String> findExtension(String context, String exten) {
    Map<String, List<DialplanStep>> extensions = contexts.get(context);
    if (extensions == null) {
      return Optional.empty();
    }
    if (extensions.containsKey(exten)) {
      return Optional.of(exten);
    }
    return extensions.keySet().stream().filter(p -> ExtensionPattern.matches(p, exten)).findFirst();
  }

  public Optional<DialplanStep> step(String context, String exten, int priority) {
    return findExtension(context, exten)
        .flatMap(e -> contexts.get(context).get(e).stream().filter(s -> s.priority() == priority).findFirst());
  }

  public OptionalInt labelPriority(String context, String exten, String label) {
    return findExtension(context, exten)
        .map(e -> contexts.get(context).get(e).stream().filter(s -> label.equals(s.label()))
            .mapToInt(DialplanStep::priority).findFirst())
        .orElse(OptionalInt.empty());
  }

  /** Steps of one extension entry as written, for tests and diagnostics. */
  public List<DialplanStep> steps(String context, String extension) {
    Map<String, List<DialplanStep>> extensions = contexts.getOrDefault(context, Map.of());
    return List.copyOf(extensions.getOrDefault(extension, List.of()));
  }

  public Set<String> extensions(String context) {
    return Collections.unmodifiableSet(contexts.getOrDefault(context, Map.of()).keySet());
  }

  static Map<String, Map<String, List<DialplanStep>>> newContexts() {
    return new LinkedHashMap<>();
  }

  static List<DialplanStep> newSteps() {
    return new ArrayList<>();
  }
}
