package org.gridcare.privacy.domain;

import java.util.List;
import java.util.Map;

/**
 * The record of processing activities and the retention policy of every stored category, as declared in
 * {@code config/privacy.yaml}. {@code policies} holds exactly one entry per {@link Category} (the loader checks it).
 */
public record ProcessingRecords(Controller controller, List<ProcessingActivity> activities,
    Map<Category, RetentionPolicy> policies) {

  public ProcessingRecords {
    activities = List.copyOf(activities);
    policies = Map.copyOf(policies);
  }

  public RetentionPolicy policy(Category c) {
    return policies.get(c);
  }

  /** Who is responsible (Art. 30(1)(a)). */
  public record Controller(String name, String contact, String dataProtectionOfficer) {}
}
