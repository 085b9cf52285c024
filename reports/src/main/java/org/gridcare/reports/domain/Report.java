package org.gridcare.reports.domain;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.gridcare.platform.domain.DomainException;

/**
 * The reports. {@code perLine}: rows carry a line and the line filter applies; the others are centre-wide (the IVR
 * before routing, outage notifications) and every supervisor may read them.
 */
public enum Report {
  REQUESTS("requests", "Inbound and outbound requests, closed in the IVR, closed by an operator, routed per line, in progress", true),
  SERVICE("service", "Service level, ASA, abandonment with the time before abandoning", true),
  AHT("aht", "Average handling time per operator", true),
  AHT_AFTER_TRANSFER("aht-after-transfer", "Average handling time on the receiving line after a transfer", true),
  IVR_TIME("ivr-time", "Time in the IVR and how IVR sessions ended (containment)", false),
  IVR_NODES("ivr-nodes", "IVR visits and drop-off per menu node", false),
  OCCUPANCY("occupancy", "Time in each operator state and occupancy per operator", true),
  CALLBACKS("callbacks", "Callbacks requested, dialled, kept and missed", true),
  TICKETS("tickets", "Ticket state transitions: counts and time spent in the state left", true),
  COMPLAINTS("complaints", "Complaints and suggestions register by topic and status", true),
  SATISFACTION("satisfaction", "Post-call survey answers per line and operator", true),
  NOTIFICATIONS("notifications", "Outage notification outcomes per outage", false),
  SURVEY_CAMPAIGNS("survey-campaigns", "Phone survey campaigns: numbers reached, completed, refused, machine, failed; answers per question", true);

  private final String id;
  private final String title;
  private final boolean perLine;

  Report(String id, String title, boolean perLine) {
    this.id = id;
    this.title = title;
    this.perLine = perLine;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public boolean perLine() {
    return perLine;
  }

  public static Report of(String id) {
    for (Report r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw DomainException.notFound("unknown-report", "Unknown report " + id + " (known: "
        + Arrays.stream(values()).map(Report::id).collect(Collectors.joining(", ")) + ")");
  }
}
