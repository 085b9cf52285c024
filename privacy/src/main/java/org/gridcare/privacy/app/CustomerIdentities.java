package org.gridcare.privacy.app;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The CRM's protected identities as privacy needs them (port): the national ID / organisation number in clear for
 * the data subject's own copy. The CRM records the reveal in the access audit before answering.
 */
public interface CustomerIdentities {

  /** The identity in clear; empty when there is no such customer or the identity was erased. */
  Future<Optional<String>> reveal(long customerId, String actor, String reason);
}
