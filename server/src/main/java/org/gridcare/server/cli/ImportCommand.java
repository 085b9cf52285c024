package org.gridcare.server.cli;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.app.CustomerImport;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Loads a CSV file into the built-in CRM, all or nothing, against the configured storage: with an external PostgreSQL
 * the server may keep running; the embedded one (the demo's) belongs to one process, so stop the server first. Progress
 * goes to stderr; a rejected file lists every bad row as {@code line N: reason} and exits 1.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import customers, grid areas or metering points from a CSV file, all or nothing; "
        + "exit 1 listing the bad rows by line when the file is rejected.")
final class ImportCommand implements Callable<Integer> {
  private static final int BAR_WIDTH = 30;

  @Parameters(index = "0", description = "customers | areas | metering-points")
  String kind;

  @Parameters(index = "1", description = "the CSV file (UTF-8, header line first)")
  Path file;

  @Option(names = "--config", defaultValue = "config/contact-centre.yaml", description = "configuration file")
  Path config;

  @Override
  public Integer call() throws Exception {
    if (!kind.equals("customers") && !kind.equals("areas") && !kind.equals("metering-points")) {
      System.err.println("import: unknown kind " + kind + " (customers, areas, metering-points)");
      return 2;
    }
    String csv;
    try {
      csv = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("import: cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    ContactCentreConfig cfg;
    try {
      cfg = Cli.load(config, null);
    } catch (ConfigException e) {
      return Cli.configError(e);
    }
    Progress progress = new Progress(System.err, Math.max(1, csv.strip().split("\n", -1).length - 1));
    Vertx vertx = Vertx.vertx();
    try {
      Storage storage = Cli.await(Storage.start(vertx, StorageSettings.from(cfg.storage())), 120);
      try {
        CustomerImport.Report report = Cli.await(CrmModule.importCsv(vertx, cfg, storage, kind, csv, progress::show), 3600);
        progress.end();
        if (!report.ok()) {
          report.errors().forEach(e -> System.err.println("line " + e.line() + ": " + e.message() + " (" + e.error() + ")"));
          System.err.println(file + " rejected: " + report.errors().size() + " bad row(s); nothing imported.");
          return 1;
        }
        System.out.println("Imported " + report.imported() + " " + kind + " from " + file + ".");
        return 0;
      } finally {
        Cli.await(storage.close(), 30);
      }
    } finally {
      Cli.await(vertx.close(), 10);
    }
  }

  /** A one-line bar redrawn in place ({@code \r}); the total is the file's line count less the header. */
  private static final class Progress {
    private final PrintStream out;
    private final int total;
    private boolean drawn;

    Progress(PrintStream out, int total) {
      this.out = out;
      this.total = total;
    }

    synchronized void show(int done) {
      int shown = Math.min(done, total);
      int filled = shown * BAR_WIDTH / total;
      out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + shown + "/" + total
          + " (" + shown * 100 / total + "%)");
      out.flush();
      drawn = true;
    }

    synchronized void end() {
      if (drawn) {
        out.println();
      }
    }
  }
}
