package org.gridcare.server.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.gridcare.privacy.PrivacyModule;
import org.gridcare.privacy.app.RetentionService;
import org.gridcare.privacy.domain.RecordMarkdown;
import org.gridcare.recordings.RecordingsModule;
import org.gridcare.server.wiring.RecordingsForPrivacy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "retention", mixinStandardHelpOptions = true, description = "Retention of personal data.",
    subcommands = RetentionCommand.Run.class)
final class RetentionCommand {

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Apply the retention periods of privacy.records-file now (the server does it every "
          + "privacy.retention-every); per category: how many rows or files, the oldest. Exit 1 when a category failed.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
    Path config;

    @Option(names = "--dry-run", description = "only print what would be deleted or anonymised")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      return Cli.withStorage(config, (cfg, vertx, storage) -> {
        RetentionService retention = Cli.await(RecordingsModule.service(vertx, cfg, storage)
            .compose(recordings -> PrivacyModule.retention(vertx, cfg, storage, new RecordingsForPrivacy(recordings),
                Clock.systemUTC())), 30);
        List<RetentionService.Line> lines = Cli.await(retention.run(dryRun, Cli.operatingSystemActor()), 3600);
        System.out.print(table(lines, dryRun));
        lines.stream().filter(l -> l.failure() != null).forEach(l -> System.err.println(
            "Retention of " + l.policy().category().id() + " failed: " + l.failure()));
        return lines.stream().anyMatch(l -> l.failure() != null) ? 1 : 0;
      });
    }
  }

  static String table(List<RetentionService.Line> lines, boolean dryRun) {
    StringBuilder out = new StringBuilder(dryRun ? "Dry run: nothing changed.\n" : "")
        .append(String.format("%-24s %-10s %-12s %10s  %s%n", "category", "rule", "kept for",
            dryRun ? "would go" : "gone", "oldest"));
    for (RetentionService.Line l : lines) {
      var p = l.policy();
      String rule = p.hold() != null ? "on hold" : p.rule().id();
      String kept = p.retention() == null ? "-" : RecordMarkdown.human(p.retention());
      String count = l.cutoff().isEmpty() ? "-" : l.failure() != null ? "FAILED" : String.valueOf(l.sweep().count());
      String oldest = l.sweep().oldest() == null ? "" : l.sweep().oldest().toString();
      out.append(String.format("%-24s %-10s %-12s %10s  %s%n", p.category().id(), rule, kept, count, oldest));
    }
    return out.toString();
  }
}
