package org.gridcare.desktop.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.gridcare.desktop.domain.Contact;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;

/** The address books as an operator uses them: corporate entries for everyone, personal ones for their owner. */
public final class Contacts {
  private final AddressBook book;
  private final PhoneNumbers phones;

  public Contacts(AddressBook book, PhoneNumbers phones) {
    this.book = book;
    this.phones = phones;
  }

  public Future<List<Contact>> list(String operatorId, String query) {
    return book.visibleTo(operatorId, query, 200);
  }

  /** Adds a personal entry; the number is normalised (short service numbers such as 112 are kept). */
  public Future<Contact> add(String operatorId, String name, String rawPhone, String organisation) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 100) {
      return Future.failedFuture(DomainException.invalid("invalid-contact", "A name is 1..100 characters"));
    }
    String raw = rawPhone == null ? "" : rawPhone.strip();
    Optional<String> phone = raw.matches("\\d{3,5}") ? Optional.of(raw) : phones.normalise(raw);
    if (phone.isEmpty()) {
      return Future.failedFuture(DomainException.invalid("invalid-number", "Not a phone number: " + raw));
    }
    String org = organisation == null || organisation.isBlank() ? null : organisation.strip();
    return book.add(new Contact(0, operatorId, n, phone.get(), org));
  }

  public Future<Void> remove(String operatorId, long id) {
    return book.remove(id, operatorId).compose(removed -> removed ? Future.<Void>succeededFuture()
        : Future.failedFuture(DomainException.notFound("no-such-contact",
            "No personal contact " + id + " (corporate entries are changed in the configuration)")));
  }
}
