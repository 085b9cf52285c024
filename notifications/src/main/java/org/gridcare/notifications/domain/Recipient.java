package org.gridcare.notifications.domain;

import java.util.Objects;

/** Someone a campaign will reach: one E.164 number, on one channel, in one language. */
public record Recipient(String phone, Channel channel, String customerId, String language) {
  public Recipient {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(language, "language");
  }
}
