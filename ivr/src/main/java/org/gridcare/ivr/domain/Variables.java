package org.gridcare.ivr.domain;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session variables in prompt texts: {@code {customer.name}} is replaced by the variable's value when the prompt
 * is played. A prompt without placeholders is static (pre-rendered at start); one with placeholders is rendered
 * per call.
 */
public final class Variables {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** Set for every call: the caller's language. */
  public static final String LANGUAGE = "language";
  /** Variables that are personal data: speech containing them is not kept for long. */
  public static final Set<String> PERSONAL = Set.of("customer.name", "customer.number");

  private Variables() {}

  public static boolean isName(String s) {
    return s != null && NAME.matcher(s).matches();
  }

  /** The variable names a prompt text refers to, in order of appearance. */
  public static Set<String> placeholders(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1).strip());
    }
    return names;
  }

  /** True when the text speaks a personal variable (a customer's name). */
  public static boolean isPersonal(String text) {
    return placeholders(text).stream().anyMatch(PERSONAL::contains);
  }

  public static boolean isStatic(String text) {
    return placeholders(text).isEmpty();
  }

  /** Replaces each placeholder with its value; a variable without a value becomes empty text. */
  public static String fill(String text, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1).strip(), "")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
