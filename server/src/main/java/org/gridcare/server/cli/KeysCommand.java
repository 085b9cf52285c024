package org.gridcare.server.cli;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.crypto.IdentityKeys;
import org.gridcare.crm.pg.PgIdentityKeys;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "The key that encrypts national IDs and organisation numbers at rest (AES-GCM).",
    subcommands = {KeysCommand.Status.class, KeysCommand.Rotate.class, KeysCommand.Generate.class})
final class KeysCommand {

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "The current key's id and how many stored identities each key holds.")
  static final class Status implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
    Path config;

    @Override
    public Integer call() throws Exception {
      return withKeys(config, false, (keys, storage) -> {
        Map<String, Long> counts = Cli.await(keys.status(), 60);
        print(keys.currentKeyId(), counts);
        return 0;
      });
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true, description = {
      "Re-encrypt every stored identity under a new key, in batches (safe to interrupt and run again).",
      "Key files (no CC_CRM_IDENTITY_KEY): makes the new key and keeps the old one in crm-identity-retired.keys.",
      "CC_CRM_IDENTITY_KEY: set the new key there and the old one in CC_CRM_IDENTITY_RETIRED_KEYS first;",
      "this then re-encrypts to it. Restart running servers afterwards and run `keys rotate --resume` for",
      "identities they wrote meanwhile under the old key."})
  static final class Rotate implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
    Path config;

    @Option(names = "--resume", description = "no new key: finish re-encrypting to the current one")
    boolean resume;

    @Option(names = "--batch", defaultValue = "500", description = "identities per transaction (default ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() throws Exception {
      boolean newKey = !resume && System.getenv(IdentityKeys.ENV) == null;
      return withKeys(config, newKey, (keys, storage) -> {
        long done = Cli.await(keys.reencrypt(batch, n -> System.out.print("\rre-encrypted " + n)), 3600);
        System.out.println("\rre-encrypted " + done + " identities" + (newKey ? " under a new key" : ""));
        Map<String, Long> counts = Cli.await(keys.status(), 60);
        Cli.await(storage.audit().record(AuditEntry.of(Cli.operatingSystemActor(), "identity-key.rotated", "key",
            keys.currentKeyId()).details(Map.of("reencrypted", done, "newKey", newKey))), 60);
        print(keys.currentKeyId(), counts);
        return 0;
      });
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Print a new random key (base64) for CC_CRM_IDENTITY_KEY.")
  static final class Generate implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.println(Base64.getEncoder().encodeToString(IdentityKeys.newKey()));
      return 0;
    }
  }

  interface Action {
    int run(PgIdentityKeys keys, Storage storage) throws Exception;
  }

  static int withKeys(Path config, boolean rotate, Action action) throws Exception {
    return Cli.withStorage(config, (cfg, vertx, storage) -> {
      try {
        return action.run(Cli.await(CrmModule.identityKeys(vertx, cfg, storage, rotate), 60), storage);
      } catch (java.util.concurrent.ExecutionException e) {
        System.err.println("Failed: " + e.getCause().getMessage());
        return 1;
      }
    });
  }

  private static void print(String current, Map<String, Long> counts) {
    System.out.println("current key " + current);
    counts.forEach((id, n) -> System.out.printf("%-20s %d identities%s%n", id, n, id.equals(current) ? " (current)" : ""));
    if (counts.keySet().stream().allMatch(current::equals)) {
      System.out.println("Every stored identity is under the current key: retired keys are no longer needed for it.");
    }
  }
}
