package org.gridcare.crm.app;

import java.util.List;
import org.gridcare.platform.domain.DomainException;

/**
 * Which part of the grid an outage touches: a grid area, optionally narrowed to a substation and a feeder, or a
 * list of postcodes. At least the area or one postcode.
 */
public record GridSelector(String area, String substation, String feeder, List<String> postcodes) {
  public GridSelector {
    postcodes = postcodes == null ? List.of() : List.copyOf(postcodes);
    if (area == null && postcodes.isEmpty()) {
      throw DomainException.invalid("invalid-grid-selector", "Name a grid area or at least one postcode");
    }
    if (area == null && (substation != null || feeder != null)) {
      throw DomainException.invalid("invalid-grid-selector", "A substation or feeder needs its grid area");
    }
  }

  public static GridSelector area(String area) {
    return new GridSelector(area, null, null, null);
  }
}
