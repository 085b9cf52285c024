package org.gridcare.privacy.domain;

import java.util.List;
import java.util.Set;

/**
 * A stored category of personal data: where the system keeps it ({@code table.column}, or a directory for files) and
 * which deletion rules the retention job can enforce for it. Rows that reports count (journal, interactions, tickets)
 * can only be anonymised; customer-file data and opt-outs live until the person asks (erasure, opt-in).
 */
public enum Category {
  CALL_JOURNAL("call-journal", "the event", Set.of(DeletionRule.ANONYMISE),
      List.of("journal.phone", "journal.customer_id")),
  INTERACTIONS("interactions", "the call start", Set.of(DeletionRule.ANONYMISE),
      List.of("crm_interaction.phone", "crm_interaction.customer_id")),
  CALLBACKS("callbacks", "the request (once no longer waiting)", Set.of(DeletionRule.DELETE),
      List.of("acd_callback.phone", "acd_callback.customer_id")),
  RECORDINGS("recordings", "the call start", Set.of(DeletionRule.DELETE),
      List.of("rec_recording.customer_phone", "rec_recording.customer_id", "files: recordings.store-dir, archive-dir")),
  VOICEMAIL("voicemail", "the message", Set.of(DeletionRule.DELETE),
      List.of("files: ivr.voicemail-dir (default <storage.data-dir>/voicemail)")),
  SMS_LOG("sms-log", "the last delivery state (once final)", Set.of(DeletionRule.DELETE),
      List.of("notify_sms.phone", "notify_sms.customer_id", "notify_sms.body")),
  VOICE_NOTIFICATION_LOG("voice-notification-log", "the last attempt (once final) or the subscription", Set.of(DeletionRule.DELETE),
      List.of("notify_call.phone", "notify_call.customer_id", "notify_operator_call.name",
          "notify_operator_call.phone", "notify_operator_call.customer_id", "notify_subscription.phone",
          "notify_subscription.customer_id")),
  SURVEY_ANSWERS("survey-answers", "the answer", Set.of(DeletionRule.ANONYMISE),
      List.of("journal.customer_id", "journal.call_id")),
  TICKETS("tickets", "the last change of a resolved, closed or cancelled ticket", Set.of(DeletionRule.ANONYMISE),
      List.of("crm_ticket.customer_id", "crm_ticket.subject", "crm_ticket.description", "crm_ticket_note.body",
          "crm_ticket_transition.reason")),
  METER_READINGS("meter-readings", "the reading date", Set.of(DeletionRule.DELETE), List.of("crm_meter_reading.kwh", "crm_meter_reading.gsrn")),
  CRM_OUTBOX("crm-outbox", "delivery to the external CRM", Set.of(DeletionRule.DELETE), List.of("crm_outbox.payload")),
  AUDIT("audit", "the entry", Set.of(DeletionRule.DELETE), List.of("audit.actor", "audit.subject_id", "audit.reason")),
  CUSTOMER_FILE("customer-file", "the end of the customer relationship (erasure request)", Set.of(DeletionRule.ON_REQUEST),
      List.of("crm_customer.name", "crm_customer.identity_cipher", "crm_customer.identity_digest",
          "crm_customer.identity_last2", "crm_phone.e164", "crm_phone.customer_id", "crm_address.street", "crm_metering_point.customer_id",
          "crm_application.customer_id")),
  LEGAL_HOLDS("legal-holds", "release of the hold", Set.of(DeletionRule.ON_REQUEST),
      List.of("privacy_legal_hold.customer_id", "privacy_legal_hold.reason")),
  ADDRESS_BOOKS("address-books", "removal by the operator", Set.of(DeletionRule.ON_REQUEST),
      List.of("desktop_contacts.name", "desktop_contacts.phone")),
  OPT_OUTS("opt-outs", "withdrawal of the objection (opt-in)", Set.of(DeletionRule.ON_REQUEST), List.of("notify_opt_out.phone"));

  private final String id;
  private final String measuredFrom;
  private final Set<DeletionRule> rules;
  private final List<String> stores;

  Category(String id, String measuredFrom, Set<DeletionRule> rules, List<String> stores) {
    this.id = id;
    this.measuredFrom = measuredFrom;
    this.rules = rules;
    this.stores = stores;
  }

  public String id() {
    return id;
  }

  /** What the retention period is counted from. */
  public String measuredFrom() {
    return measuredFrom;
  }

  /** The deletion rules the system can enforce for this category. */
  public Set<DeletionRule> rules() {
    return rules;
  }

  /** Where the data lives: {@code table.column} or a file location. */
  public List<String> stores() {
    return stores;
  }

  public static java.util.Optional<Category> of(String id) {
    for (Category c : values()) {
      if (c.id.equals(id)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }
}
