package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.UUID;
import org.gridcare.notifications.domain.InboundCommand;
import org.gridcare.notifications.domain.ProviderError;
import org.gridcare.platform.domain.Masking;
import org.gridcare.platform.domain.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the provider tells us after sending: delivery status reports, and customers' STOP / START replies. */
public final class DeliveryReports {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryReports.class);

  private final SmsOutbox outbox;
  private final OptOuts optOuts;
  private final PhoneNumbers phones;

  public DeliveryReports(SmsOutbox outbox, OptOuts optOuts, PhoneNumbers phones) {
    this.outbox = outbox;
    this.optOuts = optOuts;
    this.phones = phones;
  }

  /**
   * A status report for the message with idempotency key {@code key} (from our callback URL) or provider id
   * {@code sid}. A report of 21610 means the number is unsubscribed at the provider: it is opted out here too.
   */
  public Future<Void> status(UUID key, String sid, String status, String errorCode) {
    return outbox.applyStatus(key, sid, status, errorCode).compose(applied -> {
      if (applied.isEmpty()) {
        LOG.info("status report for an unknown message {} ignored", sid);
        return Future.succeededFuture();
      }
      return String.valueOf(ProviderError.UNSUBSCRIBED).equals(errorCode)
          ? optOuts.optOut(applied.get().phone(), "provider-" + errorCode)
          : Future.succeededFuture();
    });
  }

  /** An SMS from a customer: STOP-like words opt the number out, START-like words back in; anything else is ignored. */
  public Future<InboundCommand> inbound(String from, String body) {
    InboundCommand command = InboundCommand.parse(body);
    String phone = phones.normalise(from).orElse(null);
    if (phone == null || command == InboundCommand.OTHER) {
      return Future.succeededFuture(command);
    }
    LOG.info("{} from {}", command, Masking.phone(phone));
    return (command == InboundCommand.OPT_OUT ? optOuts.optOut(phone, "sms-stop") : optOuts.optIn(phone))
        .map(command);
  }
}
