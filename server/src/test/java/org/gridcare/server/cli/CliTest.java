package org.gridcare.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's commands as an operator meets them: help, and bad configuration refused with exit code 2. */
class CliTest {
  private static final Path SHIPPED = Path.of("../config/contact-centre.yaml");

  @Test
  void helpListsTheSubcommands() {
    CliRun r = CliRun.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("demo", "run", "migrate", "user", "import", "bench");
  }

  @Test
  void aTypoInAKeyStopsWithExitCode2NamingFileAndKey(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("typo.yaml");
    Files.writeString(bad, Files.readString(SHIPPED).replaceFirst("(?m)^storage:", "storaj:"));
    CliRun r = CliRun.run("run", "--config", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("typo.yaml").contains("storaj");
  }

  @Test
  void aWrongTypeIsNamedWithItsKeyPath(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("type.yaml");
    Files.writeString(bad, Files.readString(SHIPPED).replaceFirst("(?m)^  port: 8080", "  port: eighty"));
    CliRun r = CliRun.run("migrate", "--config", bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("type.yaml").contains("server.port");
  }

  @Test
  void unknownLogFormatIsAUsageError() {
    CliRun r = CliRun.run("--log-format", "xml", "--help");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--log-format");
  }
}
