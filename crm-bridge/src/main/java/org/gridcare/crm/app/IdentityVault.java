package org.gridcare.crm.app;

import java.util.List;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.PartyIdentity;

/**
 * Protects national IDs and organisation numbers at rest (port): a ciphertext only the vault can open and a keyed
 * digest for exact look-up. Neither reveals the identity without the key. Keys rotate: each ciphertext is stored with
 * the id of the key that sealed it, and during a rotation values sealed under the new and the retired keys coexist.
 */
public interface IdentityVault {
  /** Seals under the current key ({@link #keyId()}). */
  byte[] seal(PartyIdentity identity);

  /** Opens a value sealed under the current key. */
  PartyIdentity open(byte[] sealed, CustomerKind kind);

  /** Opens a value sealed under key {@code keyId}, current or retired; a null id tries each key. */
  PartyIdentity open(byte[] sealed, String keyId, CustomerKind kind);

  /** The digest under the current key (what is stored). */
  byte[] digest(PartyIdentity identity);

  /** The digests under every key the vault holds, current first: look-ups match rows not yet re-encrypted. */
  List<byte[]> lookupDigests(PartyIdentity identity);

  /** The id of the current key, stored with each ciphertext. */
  String keyId();
}
