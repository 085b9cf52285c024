package org.gridcare.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.gridcare.platform.domain.Masking;

/** {@code %maskedEx}: stack traces, masked too (exception messages often carry the offending input). */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Masking.text(super.convert(event));
  }
}
