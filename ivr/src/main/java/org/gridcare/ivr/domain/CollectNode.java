package org.gridcare.ivr.domain;

import java.time.Duration;
import java.util.Map;

/**
 * Plays a prompt and collects {@code minLength}..{@code maxLength} digits ended by the terminator ({@code #}) or by
 * {@code timeout} without a key, checks them with {@code validator} and keeps them in the variable {@code into}.
 */
public record CollectNode(String id, String prompt, Integer minLength, Integer maxLength, String terminator,
    Duration timeout, Validator validator, String into, String next, Integer tries, String onFail,
    String invalidPrompt) implements Node, InputNode {

  /** The PBX port ends collection on {@code #} only (CallSession.collect). */
  public static final String TERMINATOR = "#";

  public CollectNode {
    terminator = terminator == null ? TERMINATOR : terminator;
    validator = validator == null ? Validator.DIGITS : validator;
    if (validator == Validator.GSRN) {
      minLength = minLength == null ? 18 : minLength;
      maxLength = maxLength == null ? 18 : maxLength;
    } else if (validator == Validator.DATE) {
      minLength = minLength == null ? 8 : minLength;
      maxLength = maxLength == null ? 8 : maxLength;
    }
    minLength = minLength == null ? 1 : minLength;
  }

  @Override
  public String kind() {
    return "collect";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.of("next", next, "on-fail", onFail);
  }

  @Override
  public Map<String, String> prompts() {
    return Fields.of("prompt", prompt, "invalid-prompt", invalidPrompt);
  }

  /** True when the typed digits have an allowed length and pass the validator. */
  public boolean accepts(String input) {
    return input.length() >= minLength && input.length() <= maxLength && validator.accepts(input);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("prompt", prompt);
    c.required("max-length", maxLength);
    c.required("into", into);
    c.required("next", next);
    c.check(minLength >= 1, "min-length", "must be at least 1, got " + minLength);
    if (maxLength != null) {
      c.check(maxLength >= minLength, "max-length", "must not be below min-length " + minLength + ", got " + maxLength);
      c.check(maxLength <= 32, "max-length", "must be at most 32, got " + maxLength);
      if (validator == Validator.GSRN) {
        c.check(minLength == 18 && maxLength == 18, "max-length", "a GSRN has exactly 18 digits");
      }
      if (validator == Validator.DATE) {
        c.check(minLength == 8 && maxLength == 8, "max-length", "a date is typed as 8 digits (DDMMYYYY)");
      }
    }
    c.check(TERMINATOR.equals(terminator), "terminator", "only # can end digit entry, got \"" + terminator + "\"");
    if (into != null) {
      c.check(Variables.isName(into), "into", "must be a variable name (lower case, digits, dots and dashes), got " + into);
    }
    Checks.retries(c, tries, timeout);
  }
}
