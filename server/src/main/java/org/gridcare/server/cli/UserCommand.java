package org.gridcare.server.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.server.auth.Authentication;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage API users.",
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class,
        UserCommand.Unlock.class})
final class UserCommand {
  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  Path config;

  /** Opens storage, runs one use case against it, closes everything. */
  int withAuth(Function<Authentication, Future<?>> action) throws Exception {
    ContactCentreConfig cfg;
    try {
      cfg = Cli.load(config, null);
    } catch (ConfigException e) {
      return Cli.configError(e);
    }
    Vertx vertx = Vertx.vertx();
    Storage storage = null;
    try {
      storage = Cli.await(Storage.start(vertx, StorageSettings.from(cfg.storage())), 120);
      Authentication auth = Authentication.create(vertx, storage.pool(), storage.redis(), cfg.auth(), storage.audit());
      Cli.await(action.apply(auth), 60);
      return 0;
    } catch (java.util.concurrent.ExecutionException e) {
      System.err.println("Failed: " + e.getCause().getMessage());
      return 1;
    } finally {
      if (storage != null) {
        Cli.await(storage.close(), 30);
      }
      Cli.await(vertx.close(), 10);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a user. The password is read from --password-file, the CC_USER_PASSWORD variable, or asked.")
  static final class Add implements Callable<Integer> {
    @ParentCommand UserCommand parent;

    @Parameters(index = "0", description = "username") String username;

    @Option(names = "--role", required = true, description = "agent, supervisor or admin (repeatable)")
    List<String> roles;

    @Option(names = "--line", description = "support line the user belongs to (repeatable)")
    List<Integer> lines = List.of();

    @Option(names = "--password-file", description = "file holding the password") Path passwordFile;

    @Option(names = "--endpoint", description = "the user's own softphone, e.g. PJSIP/sup1 (a supervisor's listen-in rings it)")
    String endpoint;

    @Override
    public Integer call() throws Exception {
      String password = password();
      EnumSet<Role> set = EnumSet.noneOf(Role.class);
      roles.forEach(r -> set.add(Role.of(r)));
      return parent.withAuth(auth -> auth.addUser(Cli.operatingSystemActor(), new Identity(username, set, lines), password, endpoint)
          .onSuccess(u -> System.out.println("Added " + username + " " + u.identity().toJson().getJsonArray("roles"))));
    }

    private String password() throws Exception {
      if (passwordFile != null) {
        return Files.readString(passwordFile).strip();
      }
      String env = System.getenv("CC_USER_PASSWORD");
      if (env != null) {
        return env;
      }
      Console console = System.console();
      if (console == null) {
        throw new IllegalArgumentException("no password: use --password-file or CC_USER_PASSWORD");
      }
      return new String(console.readPassword("Password for %s: ", username));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class ListUsers implements Callable<Integer> {
    @ParentCommand UserCommand parent;

    @Override
    public Integer call() throws Exception {
      return parent.withAuth(auth -> auth.listUsers().onSuccess(list -> list.forEach(u -> System.out.printf(
          "%-20s %-25s lines=%s%s%n", u.identity().username(), u.identity().toJson().getJsonArray("roles"),
          u.identity().lines(), u.disabled() ? " (disabled)" : ""))));
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user and end their sessions.")
  static final class Disable implements Callable<Integer> {
    @ParentCommand UserCommand parent;

    @Parameters(index = "0", description = "username") String username;

    @Override
    public Integer call() throws Exception {
      return parent.withAuth(auth -> auth.disableUser(Cli.operatingSystemActor(), username).onSuccess(v -> System.out.println("Disabled " + username)));
    }
  }

  @Command(name = "unlock", mixinStandardHelpOptions = true,
      description = "Lift a lockout after failed logins (and the account's login rate limit) now; audited.")
  static final class Unlock implements Callable<Integer> {
    @ParentCommand UserCommand parent;

    @Parameters(index = "0", description = "username") String username;

    @Override
    public Integer call() throws Exception {
      return parent.withAuth(auth -> auth.unlockUser(Cli.operatingSystemActor(), username)
          .onSuccess(v -> System.out.println("Unlocked " + username)));
    }
  }
}
