package org.gridcare.crm.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.fails;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.app.CustomerDirectory.SearchQuery;
import org.gridcare.crm.app.CustomerDirectory.SearchQuery.By;
import org.gridcare.crm.app.GridSelector;
import org.gridcare.crm.app.NotifiableContact;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerMatch;
import org.gridcare.crm.domain.Phone;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class PgCustomersTest {
  static final List<CustomerDraft> SAMPLE = SampleCustomers.generate(40, 11);
  static CrmTestBed bed;

  @BeforeAll
  static void load(Vertx vertx, StorageSettings settings) throws Exception {
    bed = CrmTestBed.start(vertx, settings, false);
    assertThat(ok(PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, 40, 11))).isEqualTo(40);
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  @Test
  void sampleDataLoadsOnlyIntoAnEmptyCrm() throws Exception {
    assertThat(ok(PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, 40, 11))).isZero();
    assertThat(ok(bed.customers.count())).isEqualTo(40);
  }

  @Test
  void findsACustomerByPhoneAsThePbxDeliversIt() throws Exception {
    CustomerDraft d = SAMPLE.get(3);
    String local = d.phones().get(0).e164().substring(3); // "9xxxxxxx" without +47, as a caller ID may come
    List<CustomerMatch> hits = ok(bed.directory.search(new SearchQuery(By.PHONE, local, 10)));
    assertThat(hits).extracting(CustomerMatch::name).containsExactly(d.name());
    assertThat(ok(bed.directory.byPhone("not a number"))).isEmpty();
  }

  @Test
  void nameSearchToleratesTyposAndRanksTheBestFirst() throws Exception {
    Customer target = ok(bed.customers.byNumber("C100001")).orElseThrow();
    String typo = target.name().replaceFirst("e", "").replaceFirst("a", "aa");
    List<CustomerMatch> hits = ok(bed.directory.search(new SearchQuery(By.NAME, typo, 10)));
    assertThat(hits).isNotEmpty();
    assertThat(hits).extracting(CustomerMatch::name).contains(target.name());
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(hits.size() - 1).score());
    assertThat(ok(bed.directory.search(new SearchQuery(By.NAME, "Zzyzx Qwv", 10)))).isEmpty();
  }

  @Test
  void findsByCustomerNumberAndByGsrn() throws Exception {
    CustomerDraft d = SAMPLE.get(6);
    Customer c = ok(bed.customers.byGsrn(d.meteringPoints().get(0).gsrn())).orElseThrow();
    assertThat(c.name()).isEqualTo(d.name());
    assertThat(c.meteringPoints()).hasSize(d.meteringPoints().size());
    assertThat(c.address().grid()).isEqualTo(d.address().grid());
    assertThat(ok(bed.directory.search(new SearchQuery(By.NUMBER, c.number().toLowerCase(), 5))))
        .extracting(CustomerMatch::id).containsExactly(c.id());
    String gsrn = d.meteringPoints().get(0).gsrn().value();
    String wrongCheckDigit = gsrn.substring(0, 17) + ((gsrn.charAt(17) - '0' + 1) % 10);
    assertThat(fails(bed.directory.search(new SearchQuery(By.GSRN, wrongCheckDigit, 5))).id())
        .isEqualTo("invalid-gsrn");
  }

  @Test
  void theIdentityIsStoredSealedAndOnlyShownMasked() throws Exception {
    CustomerDraft d = SAMPLE.get(0);
    String id = d.identity().value();
    Row row = ok(bed.storage.pool().query("SELECT * FROM crm_customer WHERE number = 'C100001'").execute()).iterator().next();
    for (String column : List.of("identity_cipher", "identity_digest")) {
      Buffer b = row.getBuffer(column);
      assertThat(b.toString(StandardCharsets.ISO_8859_1)).doesNotContain(id);
    }
    assertThat(bed.vault.open(row.getBuffer("identity_cipher").getBytes(), d.kind()).value()).isEqualTo(id);
    Customer c = ok(bed.customers.byIdentity(d.identity())).orElseThrow();
    assertThat(c.identityMasked()).isEqualTo("*********" + id.substring(9));
    assertThat(c.toString()).doesNotContain(id);
  }

  @Test
  void aSecondCustomerWithTheSameIdentityIsAConflict() throws Exception {
    CustomerDraft d = SAMPLE.get(1);
    CustomerDraft again = new CustomerDraft(d.kind(), "Someone Else", d.identity(),
        List.of(new Phone("+4799999999", true, false)), d.address(), List.of());
    assertThat(fails(bed.customers.create(again)).id()).isEqualTo("duplicate-identity");
    assertThat(ok(bed.customers.byPhone("+4799999999"))).isEmpty();
  }

  @Test
  void outageAudienceIsConsentedPhonesInTheSelectedPartOfTheGrid() throws Exception {
    List<NotifiableContact> area = ok(bed.directory.contactsIn(GridSelector.area("TROMSO")));
    long expected = SAMPLE.stream().filter(d -> d.address().grid().area().equals("TROMSO"))
        .flatMap(d -> d.phones().stream()).filter(Phone::notifyConsent).count();
    assertThat(area).hasSize((int) expected).isNotEmpty();
    CustomerDraft first = SAMPLE.stream().filter(d -> d.address().grid().area().equals("TROMSO")).findFirst().orElseThrow();
    GridSelector feeder = new GridSelector("TROMSO", first.address().grid().substation(), first.address().grid().feeder(), null);
    List<NotifiableContact> narrow = ok(bed.directory.contactsIn(feeder));
    assertThat(narrow.size()).isLessThanOrEqualTo(area.size());
    assertThat(ok(bed.directory.contactsIn(new GridSelector(null, null, null, List.of(first.address().postcode())))))
        .isNotEmpty();
  }

  @Test
  void listedCustomersComeBackWithTheirConsentedPhonesInOneLookup() throws Exception {
    List<String> numbers = List.of("C100001", "C100002", "C100003", "C999999");
    List<NotifiableContact> found = ok(bed.directory.contactsOf(numbers));
    for (int i = 0; i < 3; i++) {
      String number = numbers.get(i);
      List<String> expected = SAMPLE.get(i).phones().stream().filter(Phone::notifyConsent).map(Phone::e164).sorted().toList();
      List<String> phones = found.stream().filter(c -> c.customerNumber().equals(number)).map(NotifiableContact::e164).toList();
      if (expected.isEmpty()) {
        assertThat(phones).as(number + " is known without a consented phone").containsExactly((String) null);
      } else {
        assertThat(phones).as(number).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    assertThat(found).noneMatch(c -> c.customerNumber().equals("C999999"));
  }
}
