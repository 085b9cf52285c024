/** Encryption of protected identifiers (JCA: AES-GCM and HMAC-SHA256). Depends on the crm app ports. */
package org.gridcare.crm.crypto;
