package org.gridcare.server;

import org.gridcare.server.cli.ContactCentreCommand;
import picocli.CommandLine;

/** Entry point of {@code ./contact-centre}. Exit codes: 0 ok, 1 runtime failure, 2 bad configuration or usage. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
    int code = new CommandLine(new ContactCentreCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    System.exit(code);
  }
}
