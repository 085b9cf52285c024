package org.gridcare.crm.app;

import org.gridcare.crm.domain.PartyIdentity;

/**
 * Protects national IDs and organisation numbers at rest (port): a ciphertext only the vault can open and a keyed
 * digest for exact look-up. Neither reveals the identity without the key.
 */
public interface IdentityVault {
  byte[] seal(PartyIdentity identity);

  PartyIdentity open(byte[] sealed, org.gridcare.crm.domain.CustomerKind kind);

  byte[] digest(PartyIdentity identity);
}
