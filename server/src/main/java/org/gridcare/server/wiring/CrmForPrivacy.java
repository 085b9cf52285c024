package org.gridcare.server.wiring;

import io.vertx.core.Future;
import java.util.Optional;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.privacy.app.CustomerIdentities;

/** The privacy export's view of the CRM: the identity in clear through the CRM's audited reveal. */
public final class CrmForPrivacy implements CustomerIdentities {
  private final CrmModule crm;

  public CrmForPrivacy(CrmModule crm) {
    this.crm = crm;
  }

  @Override
  public Future<Optional<String>> reveal(long customerId, String actor, String reason) {
    return crm.revealIdentity(customerId, actor, reason).map(found -> found.map(PartyIdentity::value));
  }
}
