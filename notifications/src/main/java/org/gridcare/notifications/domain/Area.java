package org.gridcare.notifications.domain;

import java.util.Set;
import java.util.TreeSet;
import org.gridcare.platform.domain.DomainException;

/**
 * Where an outage is: substations, feeders and postcodes (any of them). A customer is affected when their supply
 * point hangs off one of the substations or feeders, or their address is in one of the postcodes.
 */
public record Area(Set<String> substations, Set<String> feeders, Set<String> postcodes) {
  public Area {
    substations = clean(substations);
    feeders = clean(feeders);
    postcodes = clean(postcodes);
    if (substations.isEmpty() && feeders.isEmpty() && postcodes.isEmpty()) {
      throw DomainException.invalid("empty-area", "An outage area needs at least one substation, feeder or postcode");
    }
  }

  public static Area ofPostcodes(String... postcodes) {
    return new Area(Set.of(), Set.of(), Set.of(postcodes));
  }

  public boolean covers(String substation, String feeder, String postcode) {
    return substation != null && substations.contains(substation)
        || feeder != null && feeders.contains(feeder)
        || postcode != null && postcodes.contains(postcode);
  }

  private static Set<String> clean(Set<String> values) {
    Set<String> out = new TreeSet<>();
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v.strip());
        }
      }
    }
    return Set.copyOf(out);
  }
}
