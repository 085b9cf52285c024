package org.gridcare.crm.crypto;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity master keys: the current one and retired ones whose values are not yet re-encrypted. From the
 * environment ({@value #ENV} and {@value #RETIRED_ENV}, base64, retired ones comma-separated) or, when {@value #ENV}
 * is not set, from files under the data directory ({@value #FILE}, and {@value #RETIRED_FILE} one per line), where a
 * first start creates the current key. Blocking file I/O: call from a worker thread.
 */
public record IdentityKeys(byte[] current, List<byte[]> retired, boolean fromEnvironment) {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityKeys.class);
  public static final String ENV = "CC_CRM_IDENTITY_KEY";
  public static final String RETIRED_ENV = "CC_CRM_IDENTITY_RETIRED_KEYS";
  public static final String FILE = "crm-identity.key";
  public static final String RETIRED_FILE = "crm-identity-retired.keys";

  public IdentityKeys {
    retired = List.copyOf(retired);
  }

  public String currentId() {
    return AesGcmIdentityVault.id(current);
  }

  public static IdentityKeys load(Path dataDir, Map<String, String> env) throws IOException {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      List<byte[]> retired = new ArrayList<>();
      for (String k : env.getOrDefault(RETIRED_ENV, "").split(",")) {
        if (!k.isBlank()) {
          retired.add(decode(k));
        }
      }
      return new IdentityKeys(decode(fromEnv), retired, true);
    }
    Path file = dataDir.resolve(FILE);
    byte[] current;
    if (Files.exists(file)) {
      current = decode(Files.readString(file));
    } else {
      current = newKey();
      write(file, Base64.getEncoder().encodeToString(current));
      LOG.warn("Created a new CRM identity key in {}; set {} in production and keep a copy", file, ENV);
    }
    List<byte[]> retired = new ArrayList<>();
    Path retiredFile = dataDir.resolve(RETIRED_FILE);
    if (Files.exists(retiredFile)) {
      for (String line : Files.readAllLines(retiredFile)) {
        if (!line.isBlank()) {
          retired.add(decode(line));
        }
      }
    }
    return new IdentityKeys(current, retired, false);
  }

  /**
   * Replaces the key file's current key by a new random one and keeps the old one among the retired keys (written
   * first, so a crash in between loses no key). Only for keys kept in files.
   */
  public IdentityKeys rotateFiles(Path dataDir) throws IOException {
    if (fromEnvironment) {
      throw new IllegalStateException("the identity key comes from " + ENV + ": set the new key there and the old one in "
          + RETIRED_ENV + ", restart, then re-encrypt");
    }
    Path retiredFile = dataDir.resolve(RETIRED_FILE);
    List<String> lines = new ArrayList<>();
    if (Files.exists(retiredFile)) {
      lines.addAll(Files.readAllLines(retiredFile));
    }
    lines.add(Base64.getEncoder().encodeToString(current));
    write(retiredFile, String.join("\n", lines) + "\n");
    byte[] next = newKey();
    write(dataDir.resolve(FILE), Base64.getEncoder().encodeToString(next));
    List<byte[]> retiredNow = new ArrayList<>(retired);
    retiredNow.add(current);
    return new IdentityKeys(next, retiredNow, false);
  }

  public static byte[] newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64.strip());
  }

  /** Writes owner-only, through a temporary file and a rename, so a reader never sees half a key. */
  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      LOG.warn("Cannot restrict permissions of {} on this file system", file);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
