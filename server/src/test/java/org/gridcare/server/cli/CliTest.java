package org.gridcare.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher's commands as an operator meets them: help, and bad configuration refused with exit code 2. */
class CliTest {
  private static final Path SHIPPED = Path.of("../config/contact-centre.yaml");

  @Test
  void helpListsTheSubcommands() {
    Result r = run("--help");
    assertThat(r.code).isZero();
    assertThat(r.out).contains("demo", "run", "migrate", "user", "import", "bench");
  }

  @Test
  void aTypoInAKeyStopsWithExitCode2NamingFileAndKey(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("typo.yaml");
    Files.writeString(bad, Files.readString(SHIPPED).replaceFirst("(?m)^storage:", "storaj:"));
    Result r = run("run", "--config", bad.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("typo.yaml").contains("storaj");
  }

  @Test
  void aWrongTypeIsNamedWithItsKeyPath(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("type.yaml");
    Files.writeString(bad, Files.readString(SHIPPED).replaceFirst("(?m)^  port: 8080", "  port: eighty"));
    Result r = run("migrate", "--config", bad.toString());
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("type.yaml").contains("server.port");
  }

  @Test
  void unknownLogFormatIsAUsageError() {
    Result r = run("--log-format", "xml", "--help");
    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--log-format");
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true));
    System.setErr(new PrintStream(err, true));
    try {
      int code = new CommandLine(new ContactCentreCommand()).execute(args);
      return new Result(code, out.toString(), err.toString());
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
