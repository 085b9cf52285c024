package org.gridcare.crm.app;

import java.util.List;
import org.gridcare.platform.domain.DomainException;

/**
 * Which part of the grid an outage touches: a grid area, a substation or a feeder (their codes are unique across
 * areas, so the outage system may name them alone), optionally narrowed together, or a list of postcodes.
 */
public record GridSelector(String area, String substation, String feeder, List<String> postcodes) {
  public GridSelector {
    postcodes = postcodes == null ? List.of() : List.copyOf(postcodes);
    if (area == null && substation == null && feeder == null && postcodes.isEmpty()) {
      throw DomainException.invalid("invalid-grid-selector", "Name a grid area, substation, feeder or postcode");
    }
  }

  public static GridSelector area(String area) {
    return new GridSelector(area, null, null, null);
  }
}
