package org.gridcare.crm.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
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
 * space of valid national IDs, which a plain hash could.
 */
public final class AesGcmIdentityVault implements IdentityVault {
  private static final int NONCE = 12;
  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec macKey;
  private final SecureRandom random = new SecureRandom();

  /** @param masterKey at least 32 bytes */
  public AesGcmIdentityVault(byte[] masterKey) {
    if (masterKey.length < 32) {
      throw new IllegalArgumentException("the identity key needs at least 32 bytes");
    }
    this.encryptionKey = new SecretKeySpec(derive(masterKey, "gridcare-identity-enc"), "AES");
    this.macKey = new SecretKeySpec(derive(masterKey, "gridcare-identity-mac"), "HmacSHA256");
  }

  @Override
  public byte[] seal(PartyIdentity identity) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
      c.updateAAD(identity.kind().id().getBytes(StandardCharsets.US_ASCII));
      byte[] ct = c.doFinal(identity.value().getBytes(StandardCharsets.US_ASCII));
      return ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt identity", e);
    }
  }

  @Override
  public PartyIdentity open(byte[] sealed, CustomerKind kind) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, sealed, 0, NONCE));
      c.updateAAD(kind.id().getBytes(StandardCharsets.US_ASCII));
      byte[] plain = c.doFinal(sealed, NONCE, sealed.length - NONCE);
      return new PartyIdentity(kind, new String(plain, StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt identity (wrong key?)", e);
    }
  }

  @Override
  public byte[] digest(PartyIdentity identity) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(macKey);
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
