package org.gridcare.crm.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcare.crm.domain.Address;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerKind;
import org.gridcare.crm.domain.GridLocation;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeteringPoint;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Phone;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;

/**
 * The customer import file (RFC 4180 CSV, UTF-8, header line first):
 * {@code kind,name,identity,phones,notify_consent,street,postcode,city,grid_area,substation,feeder,gsrns,meter_numbers}.
 * {@code phones}, {@code gsrns} and {@code meter_numbers} hold several values separated by {@code ;}. Every row is
 * validated; errors name the line (1 = header) and the reason, and never echo an identity.
 */
public final class CustomerCsv {
  public static final List<String> COLUMNS = List.of("kind", "name", "identity", "phones", "notify_consent", "street",
      "postcode", "city", "grid_area", "substation", "feeder", "gsrns", "meter_numbers");

  private CustomerCsv() {}

  public record Row(int line, CustomerDraft draft) {}

  public record RowError(int line, String error, String message) {}

  public record Parsed(List<Row> rows, List<RowError> errors) {}

  public static Parsed parse(String text, PhoneNumbers phones) {
    List<List<String>> records = records(text);
    List<Row> rows = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    if (records.isEmpty()) {
      errors.add(new RowError(1, "empty-file", "The file is empty; the first line must be the header " + COLUMNS));
      return new Parsed(rows, errors);
    }
    List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase()).toList();
    if (!header.equals(COLUMNS)) {
      errors.add(new RowError(1, "bad-header", "Expected the header " + String.join(",", COLUMNS)));
      return new Parsed(rows, errors);
    }
    Map<String, Integer> identities = new HashMap<>();
    Map<String, Integer> gsrns = new HashMap<>();
    for (int i = 1; i < records.size(); i++) {
      int line = i + 1;
      List<String> f = records.get(i);
      if (f.size() == 1 && f.get(0).isBlank()) {
        continue;
      }
      try {
        if (f.size() != COLUMNS.size()) {
          throw DomainException.invalid("bad-column-count", "Expected " + COLUMNS.size() + " fields, found " + f.size());
        }
        CustomerDraft d = draft(f, phones);
        Integer first = identities.putIfAbsent(d.identity().kind().id() + d.identity().value(), line);
        if (first != null) {
          throw DomainException.invalid("duplicate-identity", "Same national ID / organisation number as line " + first);
        }
        for (MeteringPoint mp : d.meteringPoints()) {
          Integer other = gsrns.putIfAbsent(mp.gsrn().value(), line);
          if (other != null) {
            throw DomainException.invalid("duplicate-gsrn", "GSRN " + mp.gsrn() + " also on line " + other);
          }
        }
        rows.add(new Row(line, d));
      } catch (DomainException e) {
        errors.add(new RowError(line, e.id(), e.getMessage()));
      }
    }
    return new Parsed(rows, errors);
  }

  private static CustomerDraft draft(List<String> f, PhoneNumbers phoneNumbers) {
    CustomerKind kind = CustomerKind.of(f.get(0).strip().toLowerCase());
    PartyIdentity identity = new PartyIdentity(kind, f.get(2).strip());
    boolean consent = switch (f.get(4).strip().toLowerCase()) {
      case "yes", "true", "1" -> true;
      case "no", "false", "0", "" -> false;
      default -> throw DomainException.invalid("bad-consent", "notify_consent is yes or no, got " + f.get(4));
    };
    List<Phone> phones = new ArrayList<>();
    for (String raw : split(f.get(3))) {
      String e164 = phoneNumbers.require(raw);
      phones.add(new Phone(e164, phoneNumbers.isMobile(e164), consent));
    }
    String area = f.get(8).strip();
    if (area.isEmpty()) {
      throw DomainException.invalid("missing-grid-area", "Every address needs its grid area");
    }
    Address address = new Address(f.get(5).strip(), f.get(6).strip(), f.get(7).strip(),
        new GridLocation(area, blankToNull(f.get(9)), blankToNull(f.get(10))));
    List<String> gsrnValues = split(f.get(11));
    List<String> meters = split(f.get(12));
    List<MeteringPoint> points = new ArrayList<>();
    for (int i = 0; i < gsrnValues.size(); i++) {
      points.add(new MeteringPoint(new Gsrn(gsrnValues.get(i)), i < meters.size() ? meters.get(i) : null, address));
    }
    return new CustomerDraft(kind, f.get(1), identity, phones, address, points);
  }

  /** One CSV line for a draft (the sample data set is written with it). */
  public static String line(CustomerDraft d) {
    List<String> f = new ArrayList<>();
    f.add(d.kind().id());
    f.add(d.name());
    f.add(d.identity().value());
    f.add(String.join(";", d.phones().stream().map(Phone::e164).toList()));
    f.add(d.phones().stream().anyMatch(Phone::notifyConsent) ? "yes" : "no");
    f.add(d.address().street());
    f.add(d.address().postcode());
    f.add(d.address().city());
    f.add(d.address().grid().area());
    f.add(nullToBlank(d.address().grid().substation()));
    f.add(nullToBlank(d.address().grid().feeder()));
    f.add(String.join(";", d.meteringPoints().stream().map(m -> m.gsrn().value()).toList()));
    f.add(String.join(";", d.meteringPoints().stream().map(m -> nullToBlank(m.meterNumber())).toList()));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < f.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String v = f.get(i);
      out.append(v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
    }
    return out.toString();
  }

  public static String header() {
    return String.join(",", COLUMNS);
  }

  /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
  static List<List<String>> records(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < t.length() && t.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        out.add(record);
        record = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      out.add(record);
    }
    return out;
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split(";")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String nullToBlank(String s) {
    return s == null ? "" : s;
  }
}
