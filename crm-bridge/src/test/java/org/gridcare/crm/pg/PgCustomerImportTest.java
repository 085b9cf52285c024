package org.gridcare.crm.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.app.CustomerCsv;
import org.gridcare.crm.app.CustomerImport;
import org.gridcare.crm.app.GridCsv;
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
  void areasAndMeteringPointsImportWithTheSameAllOrNothingRule() throws Exception {
    var areas = ok(importer.importAreas(GridCsv.areas("code,name\nBODO,Bodø sentrum\nOSLO-NORD,Oslo nord\n"), n -> { }));
    assertThat(areas.imported()).isEqualTo(2);
    assertThat(GridCsv.areas("code,name\nBODO,x\nBODO,y\n../x,z\n").errors())
        .extracting(e -> e.line() + ":" + e.error()).containsExactly("3:duplicate-area", "4:bad-area-code");

    List<CustomerDraft> drafts = SampleCustomers.generate(1, 4321);
    CustomerDraft owner = new CustomerDraft(drafts.get(0).kind(), "Point Owner", drafts.get(0).identity(), List.of(),
        drafts.get(0).address(), List.of());
    var c = ok(bed.customers.create(owner));
    String g1 = SampleCustomers.gsrn(700_001, 0).value();
    String g2 = SampleCustomers.gsrn(700_002, 0).value();
    String header = String.join(",", GridCsv.POINT_COLUMNS) + "\n";
    String good = header + g1 + "," + c.number() + ",M1,Elvegata 1,8006,Bodø,BODO,Sentrum,F2\n"
        + g2 + "," + c.number() + ",M2,Elvegata 3,8006,Bodø,BODO,Sentrum,F2\n";
    String unknownCustomer = header + SampleCustomers.gsrn(700_003, 0).value() + ",C999999,M3,Vei 1,8006,Bodø,BODO,,\n";
    var refused = ok(importer.importMeteringPoints(GridCsv.points(unknownCustomer), n -> { }));
    assertThat(refused.errors()).extracting(e -> e.line() + ":" + e.error()).containsExactly("2:no-such-customer");
    var imported = ok(importer.importMeteringPoints(GridCsv.points(good), n -> { }));
    assertThat(imported.imported()).isEqualTo(2);
    var found = ok(bed.customers.byGsrn(new org.gridcare.crm.domain.Gsrn(g2))).orElseThrow();
    assertThat(found.id()).isEqualTo(c.id());
    assertThat(found.meteringPoints()).extracting(m -> m.address().grid().feeder()).containsOnly("F2");
    var again = ok(importer.importMeteringPoints(GridCsv.points(good), n -> { }));
    assertThat(again.errors()).extracting(CustomerCsv.RowError::error).containsOnly("duplicate-gsrn");
    String badCheckDigit = header + g1.substring(0, 17) + ((g1.charAt(17) - '0' + 1) % 10) + "," + c.number()
        + ",M1,Elvegata 1,8006,Bodø,BODO,,\n";
    assertThat(GridCsv.points(badCheckDigit).errors()).extracting(CustomerCsv.RowError::error).containsExactly("invalid-gsrn");
  }

  @Test
  void aFileWithTheWrongHeaderIsRefusedAtLineOne() {
    CustomerCsv.Parsed parsed = CustomerCsv.parse("name,phone\nAnna,912\n", bed.phones);
    assertThat(parsed.errors()).extracting(CustomerCsv.RowError::line).containsExactly(1);
    assertThat(parsed.errors().get(0).error()).isEqualTo("bad-header");
  }
}
