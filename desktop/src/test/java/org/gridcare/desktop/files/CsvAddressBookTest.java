package org.gridcare.desktop.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigProblem;
import org.gridcare.desktop.domain.Contact;
import org.gridcare.platform.domain.PhoneNumbers;
import org.junit.jupiter.api.Test;

class CsvAddressBookTest {
  private static final PhoneNumbers PHONES = new PhoneNumbers("NO");

  @Test
  void theShippedCorporateBookLoadsWithNormalisedNumbersAndShortServiceNumbers() {
    var contacts = CsvAddressBook.load(Path.of("../config/address-book.csv"), PHONES);
    assertThat(contacts).extracting(Contact::phone).contains("+4722990000", "112");
    assertThat(contacts).allMatch(Contact::corporate);
  }

  @Test
  void everyBadRowIsNamedByLine() {
    assertThatThrownBy(() -> CsvAddressBook.load(Path.of("src/test/resources/address-books/bad.csv"), PHONES))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::key)
            .containsExactly("line 3", "line 4", "line 5"));
  }

  @Test
  void noFileMeansAnEmptyBook() {
    assertThat(CsvAddressBook.load(Path.of("no-such.csv"), PHONES)).isEmpty();
  }
}
