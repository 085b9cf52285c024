package org.gridcare.crm.domain;

import java.util.Objects;

/** Where an address hangs on the grid: the grid area, its substation and the feeder (outage targeting). */
public record GridLocation(String area, String substation, String feeder) {
  public GridLocation {
    Objects.requireNonNull(area, "area");
  }
}
