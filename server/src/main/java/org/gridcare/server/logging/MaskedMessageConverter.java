package org.gridcare.server.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.gridcare.platform.domain.Masking;

/** {@code %maskedMsg}: the log message with every phone number and national ID masked, whoever logged it. */
public final class MaskedMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Masking.text(event.getFormattedMessage());
  }
}
