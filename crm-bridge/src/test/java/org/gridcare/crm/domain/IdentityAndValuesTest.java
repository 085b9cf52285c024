package org.gridcare.crm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class IdentityAndValuesTest {

  @Test
  void aNationalIdWithAWrongCheckDigitIsRejectedWithoutEchoingIt() {
    String valid = SampleCustomers.nationalId(new Random(1));
    String wrong = valid.substring(0, 10) + ((valid.charAt(10) - '0' + 1) % 10);
    assertThat(new PartyIdentity(CustomerKind.PRIVATE, valid).masked()).isEqualTo("*********" + valid.substring(9));
    assertThatThrownBy(() -> new PartyIdentity(CustomerKind.PRIVATE, wrong))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.id()).isEqualTo("invalid-national-id");
          assertThat(e.getMessage()).doesNotContain(wrong);
        });
  }

  @Test
  void identityNeverPrintsItself() {
    String valid = SampleCustomers.nationalId(new Random(2));
    assertThat(new PartyIdentity(CustomerKind.PRIVATE, valid).toString()).doesNotContain(valid.substring(0, 9));
  }

  @Test
  void organisationNumbersAreCheckedWithMod11() {
    String org = SampleCustomers.organisationNumber(new Random(3));
    assertThat(new PartyIdentity(CustomerKind.BUSINESS, org).value()).isEqualTo(org);
    String bad = org.substring(0, 8) + ((org.charAt(8) - '0' + 1) % 10);
    assertThatThrownBy(() -> new PartyIdentity(CustomerKind.BUSINESS, bad))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("invalid-organisation-number"));
    assertThatThrownBy(() -> new PartyIdentity(CustomerKind.PRIVATE, org)).isInstanceOf(DomainException.class);
  }

  @Test
  void gsrnChecksTheGs1Digit() {
    Gsrn g = SampleCustomers.gsrn(42, 0);
    assertThat(g.value()).hasSize(18);
    String bad = g.value().substring(0, 17) + ((g.value().charAt(17) - '0' + 1) % 10);
    assertThatThrownBy(() -> new Gsrn(bad))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("invalid-gsrn"));
  }

  @Test
  void phonesMustBeE164AndAreMaskedWhenPrinted() {
    Phone p = new Phone("+4791234567", true, true);
    assertThat(p.toString()).doesNotContain("91234567").contains("+47");
    assertThatThrownBy(() -> new Phone("91234567", true, false))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("invalid-phone-number"));
  }

  @Test
  void aReadingLowerThanThePreviousOneIsRejected() {
    Gsrn g = SampleCustomers.gsrn(1, 0);
    MeterReading prev = new MeterReading(g, new BigDecimal("1200.5"), Instant.EPOCH, "ivr", null);
    new MeterReading(g, new BigDecimal("1200.5"), Instant.EPOCH, "ivr", null).checkAfter(prev);
    assertThatThrownBy(() -> new MeterReading(g, new BigDecimal("1100"), Instant.EPOCH, "ivr", null).checkAfter(prev))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("reading-decreased"));
    assertThatThrownBy(() -> new MeterReading(g, new BigDecimal("-1"), Instant.EPOCH, "ivr", null))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("invalid-reading"));
  }

  @Test
  void theSamplePopulationIsValidAndSpreadOverThreeAreas() {
    List<CustomerDraft> drafts = SampleCustomers.generate(60, 7);
    assertThat(drafts).hasSize(60);
    assertThat(drafts.stream().map(d -> d.address().grid().area()).distinct()).hasSize(3);
    assertThat(drafts.stream().filter(d -> d.kind() == CustomerKind.BUSINESS)).isNotEmpty();
    assertThat(drafts.stream().map(d -> d.identity().value()).distinct()).hasSize(60);
    assertThat(SampleCustomers.generate(60, 7).get(5).name()).isEqualTo(drafts.get(5).name());
  }
}
