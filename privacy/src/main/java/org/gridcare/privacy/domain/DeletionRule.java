package org.gridcare.privacy.domain;

/** What happens when a category's retention period has run out. */
public enum DeletionRule {
  /** The rows (files) go. */
  DELETE("delete"),
  /** The rows stay for statistics; the personal data in them is cleared. */
  ANONYMISE("anonymise"),
  /** Kept while the relationship or the objection lasts; removed by erasure or opt-in, never by the clock. */
  ON_REQUEST("on-request");

  private final String id;

  DeletionRule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static java.util.Optional<DeletionRule> of(String id) {
    for (DeletionRule r : values()) {
      if (r.id.equals(id)) {
        return java.util.Optional.of(r);
      }
    }
    return java.util.Optional.empty();
  }
}
