package org.gridcare.crm.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.platform.domain.DomainException;

/**
 * The two other import files: grid areas ({@code code,name}) and metering points
 * ({@code gsrn,customer_number,meter_number,street,postcode,city,grid_area,substation,feeder}), RFC 4180 CSV with a
 * header line. Rows are validated here; that the customer exists and the GSRN is new is checked by the importer.
 */
public final class GridCsv {
  public static final List<String> AREA_COLUMNS = List.of("code", "name");
  public static final List<String> POINT_COLUMNS = List.of("gsrn", "customer_number", "meter_number", "street",
      "postcode", "city", "grid_area", "substation", "feeder");

  private GridCsv() {}

  public record Area(int line, String code, String name) {}

  public record Point(int line, Gsrn gsrn, String customerNumber, String meterNumber, Address address) {}

  public record Parsed<T>(List<T> rows, List<CustomerCsv.RowError> errors) {}

  public static Parsed<Area> areas(String text) {
    List<Area> rows = new ArrayList<>();
    List<CustomerCsv.RowError> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    each(text, AREA_COLUMNS, errors, (line, f) -> {
      String code = f.get(0).strip();
      if (!code.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
        throw DomainException.invalid("bad-area-code", "An area code is 1..40 letters, digits, - or _");
      }
      if (f.get(1).isBlank()) {
        throw DomainException.invalid("missing-name", "An area needs a name");
      }
      Integer first = seen.putIfAbsent(code, line);
      if (first != null) {
        throw DomainException.invalid("duplicate-area", "Area " + code + " also on line " + first);
      }
      rows.add(new Area(line, code, f.get(1).strip()));
    });
    return new Parsed<>(rows, errors);
  }

  public static Parsed<Point> points(String text) {
    List<Point> rows = new ArrayList<>();
    List<CustomerCsv.RowError> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    each(text, POINT_COLUMNS, errors, (line, f) -> {
      Gsrn gsrn = new Gsrn(f.get(0).strip());
      if (f.get(1).isBlank()) {
        throw DomainException.invalid("missing-customer", "A metering point needs its customer number");
      }
      if (f.get(6).isBlank()) {
        throw DomainException.invalid("missing-grid-area", "Every address needs its grid area");
      }
      Address address = new Address(f.get(3).strip(), f.get(4).strip(), f.get(5).strip(),
          new GridLocation(f.get(6).strip(), blankToNull(f.get(7)), blankToNull(f.get(8))));
      Integer first = seen.putIfAbsent(gsrn.value(), line);
      if (first != null) {
        throw DomainException.invalid("duplicate-gsrn", "GSRN " + gsrn + " also on line " + first);
      }
      rows.add(new Point(line, gsrn, f.get(1).strip().toUpperCase(), blankToNull(f.get(2)), address));
    });
    return new Parsed<>(rows, errors);
  }

  private interface RowHandler {
    void accept(int line, List<String> fields);
  }

  private static void each(String text, List<String> columns, List<CustomerCsv.RowError> errors, RowHandler handler) {
    List<List<String>> records = CustomerCsv.records(text);
    if (records.isEmpty() || !records.get(0).stream().map(h -> h.strip().toLowerCase()).toList().equals(columns)) {
      errors.add(new CustomerCsv.RowError(1, "bad-header", "Expected the header " + String.join(",", columns)));
      return;
    }
    for (int i = 1; i < records.size(); i++) {
      List<String> f = records.get(i);
      if (f.size() == 1 && f.get(0).isBlank()) {
        continue;
      }
      try {
        if (f.size() != columns.size()) {
          throw DomainException.invalid("bad-column-count", "Expected " + columns.size() + " fields, found " + f.size());
        }
        handler.accept(i + 1, f);
      } catch (DomainException e) {
        errors.add(new CustomerCsv.RowError(i + 1, e.id(), e.getMessage()));
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
