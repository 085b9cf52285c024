package org.gridcare.ivr.domain;

import java.time.Duration;

/**
 * A node that waits for the caller's keys: re-prompts on no input and invalid input, gives up after {@code tries}
 * to {@code onFail} (the menu's operator transfer when absent). Null values take the menu's defaults.
 */
public interface InputNode {
  String prompt();

  Integer tries();

  Duration timeout();

  String onFail();

  /** Played before the re-prompt after invalid input; the menu's {@code invalid} prompt when absent. */
  String invalidPrompt();
}
