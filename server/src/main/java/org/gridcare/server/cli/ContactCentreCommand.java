package org.gridcare.server.cli;

import java.util.concurrent.Callable;
import org.gridcare.server.logging.LogFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "contact-centre",
    mixinStandardHelpOptions = true,
    version = "gridcare contact centre 0.1.0",
    description = "Contact-centre telephony backend for electricity utilities.",
    subcommands = {DemoCommand.class, RunCommand.class, MigrateCommand.class, UserCommand.class, AuditCommand.class,
        BenchCommand.class, ImportCommand.class, SimulateCommand.class, NotifyCommand.class, PrivacyCommand.class,
        RetentionCommand.class, KeysCommand.class})
public final class ContactCentreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--log-format", description = "text (default) or json lines", defaultValue = "text",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  void logFormat(String format) {
    if (!format.equals("text") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--log-format must be text or json, got " + format);
    }
    LogFormat.use(format);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }
}
