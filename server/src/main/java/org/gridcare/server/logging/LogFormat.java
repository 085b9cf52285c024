package org.gridcare.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Switches logback between the text ({@code logback.xml}) and JSON-lines ({@code logback-json.xml}) set-ups. */
public final class LogFormat {
  private LogFormat() {}

  public static void use(String format) {
    if (!"json".equals(format)) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(LogFormat.class.getClassLoader().getResource("logback-json.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure JSON logging", e);
    }
  }
}
