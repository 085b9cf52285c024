package org.gridcare.crm.domain;

import org.gridcare.platform.domain.DomainException;

/** The stages of a grid-connection application (seed 004), in order. */
public enum ApplicationStage {
  APPLICATION,
  SITE_SURVEY,
  SUPPLY_PLAN,
  DESIGN_REVIEW,
  CONTRACT_AND_FEES,
  METER_INSTALLATION,
  ENERGISED,
  ARCHIVED;

  public String id() {
    return name().toLowerCase().replace('_', '-');
  }

  public static ApplicationStage of(String id) {
    for (ApplicationStage s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw DomainException.invalid("unknown-stage", "Unknown application stage " + id);
  }
}
