package org.gridcare.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.gridcare.platform.domain.PhoneNumbers;
import org.junit.jupiter.api.Test;

class TargetingTest {
  static final PhoneNumbers NO = new PhoneNumbers("NO");
  static final Targeting TARGETING = new Targeting(NO::normalise, NO::isMobile, "en", Set.of("en", "ru"));

  static Candidate c(String id, String phone, boolean consent, Segment segment, String lang) {
    return new Candidate(id, "Name " + id, phone, lang, consent, segment);
  }

  @Test
  void mobilesGetSmsLandlinesAVoiceCallLargeCustomersAnOperator() {
    Targets t = TARGETING.select(List.of(
        c("c1", "912 34 567", true, Segment.HOUSEHOLD, "ru"),
        c("c2", "22 12 34 56", true, Segment.HOUSEHOLD, "en"),
        c("c3", "+4791234999", true, Segment.LARGE_CONSUMER, "en"),
        c("c3", "+4722123499", true, Segment.LARGE_CONSUMER, "en"),
        c("c4", "+4791234888", false, Segment.RETAILER, "en")), Set.of());

    assertThat(t.recipients()).containsExactly(
        new Recipient("+4791234567", Channel.SMS, "c1", "ru"),
        new Recipient("+4722123456", Channel.VOICE, "c2", "en"));
    assertThat(t.operatorCalls()).extracting(Candidate::customerId).containsExactly("c3", "c4");
  }

  @Test
  void excludesUnusableNumbersMissingConsentOptOutsAndDuplicates() {
    Targets t = TARGETING.select(List.of(
        c("c1", "+4791234567", true, Segment.HOUSEHOLD, "en"),
        c("c2", "912 34 567", true, Segment.BUSINESS, "en"),
        c("c3", "12", true, Segment.HOUSEHOLD, "en"),
        c("c4", null, true, Segment.HOUSEHOLD, "en"),
        c("c5", "+4791234500", false, Segment.HOUSEHOLD, "en"),
        c("c6", "+4791234511", true, Segment.HOUSEHOLD, "en")), Set.of("+4791234511"));

    assertThat(t.recipients()).extracting(Recipient::customerId).containsExactly("c1");
    assertThat(t.excluded()).containsEntry(Targets.Exclusion.DUPLICATE_NUMBER, 1)
        .containsEntry(Targets.Exclusion.NO_USABLE_NUMBER, 2)
        .containsEntry(Targets.Exclusion.NO_CONSENT, 1)
        .containsEntry(Targets.Exclusion.OPTED_OUT, 1);
  }

  @Test
  void unknownLanguageFallsBackToTheDefault() {
    Targets t = TARGETING.select(List.of(c("c1", "+4791234567", true, Segment.HOUSEHOLD, "fa")), Set.of());
    assertThat(t.recipients().get(0).language()).isEqualTo("en");
  }

  @Test
  void anApplicantIsToldOnceByTheirFirstMobileElseCalledOnTheirFirstOtherNumber() {
    Candidate landline = c("c1", "+4722123456", false, Segment.HOUSEHOLD, null);
    Candidate mobile = c("c1", "+4791234567", false, Segment.HOUSEHOLD, null);
    Candidate secondMobile = c("c1", "+4791234568", false, Segment.HOUSEHOLD, null);

    assertThat(TARGETING.applicant(List.of(landline, mobile, secondMobile), Set.of()).recipients())
        .as("no consent to outage notices is needed for the customer's own application")
        .containsExactly(new Recipient("+4791234567", Channel.SMS, "c1", "en"));
    assertThat(TARGETING.applicant(List.of(landline), Set.of()).recipients())
        .containsExactly(new Recipient("+4722123456", Channel.VOICE, "c1", "en"));
    assertThat(TARGETING.applicant(List.of(mobile, secondMobile, landline), Set.of("+4791234567")).recipients())
        .containsExactly(new Recipient("+4791234568", Channel.SMS, "c1", "en"));
  }

  @Test
  void anApplicantWhoseNumbersAreOptedOutOrUnusableIsNotReached() {
    Targets optedOut = TARGETING.applicant(List.of(c("c1", "+4791234567", true, Segment.HOUSEHOLD, "en"),
        c("c1", "12", true, Segment.HOUSEHOLD, "en")), Set.of("+4791234567"));
    assertThat(optedOut.recipients()).isEmpty();
    assertThat(optedOut.excluded()).containsEntry(Targets.Exclusion.OPTED_OUT, 1)
        .containsEntry(Targets.Exclusion.NO_USABLE_NUMBER, 1);
    assertThat(TARGETING.applicant(List.of(), Set.of()).excluded())
        .containsExactly(java.util.Map.entry(Targets.Exclusion.NO_USABLE_NUMBER, 1));
  }
}
