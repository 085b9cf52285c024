package org.gridcare.privacy.domain;

import java.util.List;

/** One processing activity of the record (GDPR Art. 30(1)) and the stored categories it produces. */
public record ProcessingActivity(
    String id, String name, String purpose, String legalBasis, List<String> dataSubjects, List<String> personalData,
    List<String> recipients, List<Processor> processors, List<Category> categories, List<String> security) {

  public ProcessingActivity {
    dataSubjects = List.copyOf(dataSubjects);
    personalData = List.copyOf(personalData);
    recipients = List.copyOf(recipients);
    processors = List.copyOf(processors);
    categories = List.copyOf(categories);
    security = List.copyOf(security);
  }
}
