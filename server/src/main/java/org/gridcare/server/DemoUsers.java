package org.gridcare.server;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.gridcare.config.OperatorConfig;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.server.auth.Authentication;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;

/**
 * One demo user per role; the agent is a configured operator (the desktop signs in as that operator's id). Passwords are generated on the first start and kept in {@code data/demo-users.properties}
 * (owner-only), so a restarted demo prints the same credentials; nothing secret is committed.
 */
public final class DemoUsers {
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private DemoUsers() {}

  public record DemoUser(Role role, String username, String password) {
    @Override
    public String toString() {
      return role.id() + ": " + username + " / " + password;
    }
  }

  public static Future<List<DemoUser>> ensure(Authentication auth, Path dataDir, OperatorConfig agent) {
    List<DemoUser> users = new ArrayList<>();
    Properties stored = load(dataDir.resolve("demo-users.properties"));
    for (Role role : Role.values()) {
      String name = role == Role.AGENT ? agent.id() : "demo-" + role.id();
      String password = stored.getProperty(name, randomPassword());
      stored.setProperty(name, password);
      users.add(new DemoUser(role, name, password));
    }
    save(dataDir.resolve("demo-users.properties"), stored);
    Future<Void> chain = Future.succeededFuture();
    for (DemoUser u : users) {
      List<Integer> lines = switch (u.role()) {
        case ADMIN -> List.of(1, 2, 3);
        case AGENT -> agent.lines();
        default -> List.of(1);
      };
      // the demo supervisor's listen-in rings the simulator's phone PJSIP/demo-supervisor
      String endpoint = u.role() == Role.SUPERVISOR ? "PJSIP/" + u.username() : null;
      chain = chain.compose(v -> auth.addUser("demo", new Identity(u.username(), Set.of(u.role()), lines), u.password(),
              endpoint)
          .<Void>mapEmpty()
          .recover(e -> e instanceof DomainException d && d.id().equals("username-taken")
              ? Future.succeededFuture() : Future.failedFuture(e)));
    }
    return chain.map(v -> users);
  }

  private static String randomPassword() {
    SecureRandom r = new SecureRandom();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return p;
  }

  private static void save(Path file, Properties p) {
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file)) {
        p.store(out, "Demo users of ./contact-centre demo (generated; not for production)");
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
