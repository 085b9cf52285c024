package org.gridcare.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gridcare.server.logging.JsonLinesEncoder;
import org.slf4j.LoggerFactory;

/**
 * Everything the server logs while open, under the shipped {@code logback.xml} (text on stdout/stderr) plus the
 * JSON-lines encoder, so a test can scan what an operator's log files would hold. Closing restores the test logging.
 */
public final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private final ByteArrayOutputStream json = new ByteArrayOutputStream();
  private final PrintStream err = System.err;
  private final PrintStream out = System.out;
  private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();

  private LogCapture() throws Exception {
    System.setErr(new PrintStream(new Tee(err, text), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new Tee(out, text), true, StandardCharsets.UTF_8));
    logging.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logging);
    configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logging);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(logging);
    appender.setEncoder(encoder);
    appender.setOutputStream(json);
    appender.start();
    logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  public static LogCapture start() throws Exception {
    return new LogCapture();
  }

  /** The text and the JSON output so far. */
  public String text() {
    synchronized (text) {
      synchronized (json) {
        return text.toString(StandardCharsets.UTF_8) + "\n" + json.toString(StandardCharsets.UTF_8);
      }
    }
  }

  @Override
  public void close() throws Exception {
    System.setErr(err);
    System.setOut(out);
    logging.reset();
    new ContextInitializer(logging).autoConfig();
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      synchronized (b) {
        b.write(x);
      }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      synchronized (b) {
        b.write(bytes, off, len);
      }
    }
  }
}
