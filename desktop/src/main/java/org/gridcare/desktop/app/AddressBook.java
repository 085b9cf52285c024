package org.gridcare.desktop.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.desktop.domain.Contact;

/** Corporate and personal address books (port). */
public interface AddressBook {

  /** The corporate entries and the operator's own, by name; {@code query} (may be null) matches name or organisation. */
  Future<List<Contact>> visibleTo(String operatorId, String query, int limit);

  Future<Contact> add(Contact contact);

  /** Removes one of the operator's personal entries; false when they have no such entry. */
  Future<Boolean> remove(long id, String operatorId);

  /** Replaces every corporate entry (at start, from the configuration's CSV). */
  Future<Void> replaceCorporate(List<Contact> contacts);
}
