package org.gridcare.crm.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.gridcare.crm.app.IdentityVault;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.PartyIdentity;

/**
 * AES-256-GCM with a random 96-bit nonce per value (nonce ‖ ciphertext ‖ tag), and HMAC-SHA256 under a second key
 * derived from the same master key for look-ups. A digest without the key cannot be brute-forced from the small
 * space of valid national IDs, which a plain hash could. A master key's id ({@code k} + 16 hex digits of a third
 * derived value) names it without revealing it; retired master keys still open and match what they sealed until the
 * rotation has re-encrypted it.
 */
public final class AesGcmIdentityVault implements IdentityVault {
  private static final int NONCE = 12;
  /** Nonce and tag: a stored value this short was erased, not sealed. */
  public static final int MIN_SEALED = NONCE + 16;
  private final Map<String, Keys> keys = new LinkedHashMap<>();
  private final String current;
  private final SecureRandom random = new SecureRandom();

  private record Keys(SecretKeySpec encryption, SecretKeySpec mac) {}

  /** @param masterKey at least 32 bytes */
  public AesGcmIdentityVault(byte[] masterKey) {
    this(masterKey, List.of());
  }

  public AesGcmIdentityVault(IdentityKeys keys) {
    this(keys.current(), keys.retired());
  }

  /** The current master key and retired ones (each at least 32 bytes) still holding values until re-encrypted. */
  public AesGcmIdentityVault(byte[] currentKey, List<byte[]> retiredKeys) {
    current = add(currentKey);
    retiredKeys.forEach(this::add);
  }

  private String add(byte[] masterKey) {
    if (masterKey.length < 32) {
      throw new IllegalArgumentException("the identity key needs at least 32 bytes");
    }
    String id = id(masterKey);
    keys.putIfAbsent(id, new Keys(new SecretKeySpec(derive(masterKey, "gridcare-identity-enc"), "AES"),
        new SecretKeySpec(derive(masterKey, "gridcare-identity-mac"), "HmacSHA256")));
    return id;
  }

  /** The id of a master key: stable, and useless for recovering the key. */
  public static String id(byte[] masterKey) {
    return "k" + HexFormat.of().formatHex(Arrays.copyOf(derive(masterKey, "gridcare-identity-id"), 8));
  }

  @Override
  public String keyId() {
    return current;
  }

  @Override
  public byte[] seal(PartyIdentity identity) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(current).encryption(), new GCMParameterSpec(128, nonce));
      c.updateAAD(identity.kind().id().getBytes(StandardCharsets.US_ASCII));
      byte[] ct = c.doFinal(identity.value().getBytes(StandardCharsets.US_ASCII));
      return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt identity", e);
    }
  }

  @Override
  public PartyIdentity open(byte[] sealed, CustomerKind kind) {
    return open(sealed, current, kind);
  }

  @Override
  public PartyIdentity open(byte[] sealed, String keyId, CustomerKind kind) {
    List<Keys> candidates = new ArrayList<>();
    if (keyId == null) {
      candidates.addAll(keys.values());
    } else if (keys.containsKey(keyId)) {
      candidates.add(keys.get(keyId));
    } else {
      throw new IllegalStateException("identity sealed under key " + keyId + ", which is not configured");
    }
    for (Keys k : candidates) {
      try {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, k.encryption(), new GCMParameterSpec(128, sealed, 0, NONCE));
        c.updateAAD(kind.id().getBytes(StandardCharsets.US_ASCII));
        byte[] plain = c.doFinal(sealed, NONCE, sealed.length - NONCE);
        return new PartyIdentity(kind, new String(plain, StandardCharsets.US_ASCII));
      } catch (AEADBadTagException wrongKey) {
        // try the next key (only when the key id is unknown)
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot decrypt identity", e);
      }
    }
    throw new IllegalStateException("cannot decrypt identity (wrong key?)");
  }

  @Override
  public byte[] digest(PartyIdentity identity) {
    return digest(keys.get(current), identity);
  }

  @Override
  public List<byte[]> lookupDigests(PartyIdentity identity) {
    List<byte[]> out = new ArrayList<>();
    keys.values().forEach(k -> out.add(digest(k, identity)));
    return out;
  }

  private static byte[] digest(Keys k, PartyIdentity identity) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(k.mac());
      return mac.doFinal((identity.kind().id() + ":" + identity.value()).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot digest identity", e);
    }
  }

  private static byte[] derive(byte[] master, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(label.getBytes(StandardCharsets.US_ASCII)), 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
