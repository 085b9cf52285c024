package org.gridcare.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A secret is never written in a configuration file: it names an environment variable ({@code env:}) or a file
 * ({@code file:}, e.g. a mounted Docker/Kubernetes secret) that holds it. Its value never appears in toString.
 *
 * <p>{@code environment} is the map the {@link ConfigLoader} was given (overrides included), so {@link #value()}
 * reads {@code env:} from the same place validation did; a secret built in code without one reads the process
 * environment.
 */
public record Secret(String env, String file, Map<String, String> environment) {

  public Secret(String env, String file) {
    this(env, file, null);
  }

  public static Secret ofEnv(String name) {
    return new Secret(name, null);
  }

  /** The value, from the loader's environment map (or the file); explains why when it cannot be read. */
  public String value() {
    return resolve(environment != null ? environment : System.getenv());
  }

  /** Resolves the value, or explains why it cannot. */
  public String resolve(Map<String, String> environment) {
    if (env != null) {
      String v = environment.get(env);
      if (v == null || v.isEmpty()) {
        throw new IllegalStateException("environment variable " + env + " is not set");
      }
      return v;
    }
    if (file != null) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalStateException("cannot read secret file " + file + ": " + e.getMessage());
      }
    }
    throw new IllegalStateException("a secret needs env: or file:");
  }

  void validate(Problems p, String key, Map<String, String> environment) {
    if ((env == null) == (file == null)) {
      p.add(key, "a secret needs exactly one of env: or file:");
      return;
    }
    try {
      resolve(environment);
    } catch (IllegalStateException e) {
      p.add(key, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return env != null ? "Secret[env=" + env + "]" : "Secret[file=" + file + "]";
  }
}
