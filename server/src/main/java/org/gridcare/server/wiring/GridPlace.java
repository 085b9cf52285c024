package org.gridcare.server.wiring;

import org.gridcare.crm.domain.Address;

/**
 * Where on the grid a customer is, as the IVR carries it between its look-ups: an opaque {@code areaId} made of
 * substation, feeder and postcode, which the outage look-up matches against outage areas.
 */
record GridPlace(String substation, String feeder, String postcode) {

  static GridPlace of(Address address) {
    if (address == null) {
      return new GridPlace(null, null, null);
    }
    var grid = address.grid();
    return new GridPlace(grid == null ? null : grid.substation(), grid == null ? null : grid.feeder(), address.postcode());
  }

  String areaId() {
    return nz(substation) + "|" + nz(feeder) + "|" + nz(postcode);
  }

  static GridPlace parse(String areaId) {
    String[] parts = (areaId == null ? "||" : areaId).split("\\|", -1);
    return new GridPlace(blank(parts, 0), blank(parts, 1), blank(parts, 2));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String blank(String[] parts, int i) {
    return i < parts.length && !parts[i].isBlank() ? parts[i] : null;
  }
}
