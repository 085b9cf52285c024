package org.gridcare.pbx;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;

/**
 * One caller inside an IVR script (FastAGI). Commands run one at a time on the session's worker thread and complete
 * on the script's Vert.x context. After the caller hangs up every command fails with {@link CallerHungUp}.
 *
 * <p>Prompts are sound file names without extension, relative to the PBX's sounds directory or absolute (rendered
 * TTS files live in a directory the PBX can read).
 */
public interface CallSession {

  SessionInfo info();

  Future<Void> answer();

  /** Plays a prompt; digits in {@code escapeDigits} interrupt it. Empty when it played to the end. */
  Future<Optional<Character>> play(String prompt, String escapeDigits);

  /**
   * Plays a prompt and collects up to {@code maxDigits} digits, ending on {@code #} or when {@code timeout} passes
   * without a digit. Returns what was typed ("" on no input). Digits interrupt the prompt.
   */
  Future<String> collect(String prompt, Duration timeout, int maxDigits);

  Future<Optional<Character>> waitForDigit(Duration timeout);

  /** Records the caller into {@code file} (format wav) after a beep, until a key, silence or {@code maxLength}. */
  Future<RecordResult> record(String file, String escapeDigits, Duration maxLength, Duration silence);

  /** Runs a dialplan application, e.g. {@code MusicOnHold} for a while; returns its result code. */
  Future<Integer> exec(String application, String arguments);

  Future<Void> setVariable(String name, String value);

  Future<Optional<String>> getVariable(String name);

  Future<Void> hangUp();

  boolean hungUp();
}
