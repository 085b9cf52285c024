package org.gridcare.reports.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A computed report: named columns and rows of plain values (strings, numbers, null). */
public record ReportTable(List<String> columns, List<List<Object>> rows) {
  public ReportTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** RFC 4180 CSV with a header line; numbers as they are, text quoted when it needs to be and never read as a formula. */
  public String csv() {
    StringBuilder out = new StringBuilder();
    out.append(columns.stream().map(ReportTable::cell).collect(Collectors.joining(","))).append("\r\n");
    for (List<Object> row : rows) {
      out.append(row.stream().map(ReportTable::cell).collect(Collectors.joining(","))).append("\r\n");
    }
    return out.toString();
  }

  private static String cell(Object v) {
    if (v == null) {
      return "";
    }
    String s = v.toString();
    if (!(v instanceof Number) && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s; // a spreadsheet must not take text for a formula
    }
    boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
