package org.gridcare.crm.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.CustomerImport;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class PgCustomerImportTest {
  static CrmTestBed bed;
  static PgCustomerImport importer;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    bed = CrmTestBed.start(vertx, settings, false);
    importer = new PgCustomerImport(bed.storage.pool(), bed.vault);
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  static String csv(List<CustomerDraft> drafts) {
    StringBuilder b = new StringBuilder(CustomerCsv.header()).append('\n');
    drafts.forEach(d -> b.append(CustomerCsv.line(d)).append("\r\n"));
    return b.toString();
  }

  @Test
  void aGeneratedFileImportsCompletelyAndASecondImportOfItIsRefusedWholly() throws Exception {
    List<CustomerDraft> drafts = SampleCustomers.generate(250, 99);
    CustomerCsv.Parsed parsed = CustomerCsv.parse(csv(drafts), bed.phones);
    assertThat(parsed.errors()).isEmpty();
    AtomicInteger progress = new AtomicInteger();
    CustomerImport.Report report = ok(importer.importCustomers(parsed, progress::set));
    assertThat(report.ok()).isTrue();
    assertThat(report.imported()).isEqualTo(250);
    assertThat(progress.get()).isEqualTo(250);
    var c = ok(bed.customers.byGsrn(drafts.get(17).meteringPoints().get(0).gsrn())).orElseThrow();
    assertThat(c.name()).isEqualTo(drafts.get(17).name());

    long before = ok(bed.customers.count());
    CustomerImport.Report again = ok(importer.importCustomers(CustomerCsv.parse(csv(drafts.subList(0, 3)), bed.phones),
        n -> { }));
    assertThat(again.errors()).extracting(CustomerCsv.RowError::line).contains(2, 3, 4);
    assertThat(again.errors()).extracting(CustomerCsv.RowError::error).contains("duplicate-identity", "duplicate-gsrn");
    assertThat(ok(bed.customers.count())).isEqualTo(before);
  }

  @Test
  void badRowsAreReportedByLineAndNothingIsImported() throws Exception {
    List<CustomerDraft> drafts = SampleCustomers.generate(4, 1234);
    String good1 = CustomerCsv.line(drafts.get(0));
    String badId = CustomerCsv.line(drafts.get(1)).replace(drafts.get(1).identity().value(), "01010112345");
    String badPhone = CustomerCsv.line(drafts.get(2)).replace(drafts.get(2).phones().get(0).e164(), "12");
    String dupGsrn = CustomerCsv.line(drafts.get(3)).replace(drafts.get(3).meteringPoints().get(0).gsrn().value(),
        drafts.get(0).meteringPoints().get(0).gsrn().value());
    String text = CustomerCsv.header() + "\n" + good1 + "\n" + badId + "\n" + badPhone + "\n" + dupGsrn + "\n"
        + "private,\"Berg, Anna\",x\n";
    CustomerCsv.Parsed parsed = CustomerCsv.parse(text, bed.phones);
    assertThat(parsed.errors()).extracting(e -> e.line() + ":" + e.error()).containsExactly(
        "3:invalid-national-id", "4:invalid-phone-number", "5:duplicate-gsrn", "6:bad-column-count");
    assertThat(parsed.errors().get(0).message()).doesNotContain("01010112345");
    long before = ok(bed.customers.count());
    CustomerImport.Report report = ok(importer.importCustomers(parsed, n -> { }));
    assertThat(report.imported()).isZero();
    assertThat(report.errors()).hasSize(4);
    assertThat(ok(bed.customers.count())).isEqualTo(before);
  }

  @Test
  void aFileWithTheWrongHeaderIsRefusedAtLineOne() {
    CustomerCsv.Parsed parsed = CustomerCsv.parse("name,phone\nAnna,912\n", bed.phones);
    assertThat(parsed.errors()).extracting(CustomerCsv.RowError::line).containsExactly(1);
    assertThat(parsed.errors().get(0).error()).isEqualTo("bad-header");
  }
}
