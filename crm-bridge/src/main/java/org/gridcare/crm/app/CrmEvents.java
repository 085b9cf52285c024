package org.gridcare.crm.app;

import io.vertx.core.Future;

/**
 * The external CRM connector (port). The built-in CRM is the default ({@link #NONE}: nothing is queued or sent);
 * the webhook adapter delivers each event from the transactional outbox, retried until the CRM accepts it.
 */
public interface CrmEvents {

  CrmEvents NONE = new CrmEvents() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public Future<Void> deliver(CrmEvent event) {
      return Future.succeededFuture();
    }
  };

  /** When false, the stores write no outbox rows. */
  boolean enabled();

  /** Succeeds only once the external CRM accepted the event; a failure is retried later with the same key. */
  Future<Void> deliver(CrmEvent event);
}
