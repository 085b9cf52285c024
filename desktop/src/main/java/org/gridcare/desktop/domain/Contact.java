package org.gridcare.desktop.domain;

import java.util.Objects;

/** An address-book entry: corporate ({@code owner} null) or an operator's personal one. {@code phone} is E.164 or a short number. */
public record Contact(long id, String owner, String name, String phone, String organisation) {

  public Contact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phone, "phone");
  }

  public boolean corporate() {
    return owner == null;
  }
}
