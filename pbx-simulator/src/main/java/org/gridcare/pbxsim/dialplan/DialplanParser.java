package org.gridcare.pbxsim.dialplan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcare.platform.domain.DomainException;

/**
 * Reads extensions.conf: {@code [context]} sections, {@code exten => ext,prio,App(data)} and {@code same => ...}
 * lines with numeric, {@code n} and labelled ({@code n(label)}) priorities, and {@code [globals]}. {@code [general]}
 * is skipped. Anything else (include, switch, hints) is rejected, so the simulator never silently ignores dialplan.
 */
public final class DialplanParser {
  private static final Pattern PRIORITY = Pattern.compile("(\\d+|n|n\\+\\d+)(?:\\(([A-Za-z0-9_-]+)\\))?");

  private DialplanParser() {}

  public static Dialplan parse(Path file) {
    try {
      return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw DomainException.invalid("bad-dialplan", "cannot read " + file + ": " + e.getMessage());
    }
  }

  public static Dialplan parse(String source, String text) {
    Map<String, Map<String, List<DialplanStep>>> contexts = Dialplan.newContexts();
    Map<String, String> globals = new LinkedHashMap<>();
    String section = null;
    String lastExten = null;
    int lastPriority = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = source + ":" + (i + 1);
      String line = stripComment(lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        int end = line.indexOf(']');
        if (end < 0) {
          throw invalid(where, "unterminated section header");
        }
        section = line.substring(1, end).strip();
        if (section.isEmpty()) {
          throw invalid(where, "empty section name");
        }
        if (!section.equals("general") && !section.equals("globals")) {
          contexts.computeIfAbsent(section, s -> new LinkedHashMap<>());
        }
        lastExten = null;
        continue;
      }
      if (section == null) {
        throw invalid(where, "line outside a section");
      }
      int arrow = line.indexOf("=>");
      int eq = line.indexOf('=');
      if (section.equals("general")) {
        continue;
      }
      if (section.equals("globals")) {
        if (eq < 0) {
          throw invalid(where, "expected NAME = value in [globals]");
        }
        globals.put(line.substring(0, eq).strip(), line.substring(eq + 1).replaceFirst("^>", "").strip());
        continue;
      }
      if (arrow < 0) {
        throw invalid(where, "expected exten => or same =>");
      }
      String keyword = line.substring(0, arrow).strip();
      String rest = line.substring(arrow + 2).strip();
      String exten;
      String priorityText;
      String app;
      if (keyword.equals("exten")) {
        String[] parts = rest.split(",", 3);
        if (parts.length < 3) {
          throw invalid(where, "expected exten => extension,priority,Application(data)");
        }
        exten = parts[0].strip();
        priorityText = parts[1].strip();
        app = parts[2].strip();
      } else if (keyword.equals("same")) {
        if (lastExten == null) {
          throw invalid(where, "same => without a preceding exten =>");
        }
        String[] parts = rest.split(",", 2);
        if (parts.length < 2) {
          throw invalid(where, "expected same => priority,Application(data)");
        }
        exten = lastExten;
        priorityText = parts[0].strip();
        app = parts[1].strip();
      } else {
        throw invalid(where, "unsupported statement '" + keyword + "'");
      }
      Matcher m = PRIORITY.matcher(priorityText);
      if (!m.matches()) {
        throw invalid(where, "bad priority '" + priorityText + "'");
      }
      int priority;
      if (m.group(1).startsWith("n")) {
        if (!exten.equals(lastExten)) {
          throw invalid(where, "priority n needs a previous priority of " + exten);
        }
        priority = lastPriority + 1 + (m.group(1).length() > 1 ? Integer.parseInt(m.group(1).substring(2)) : 0);
      } else {
        priority = Integer.parseInt(m.group(1));
      }
      List<DialplanStep> steps = contexts.get(section).computeIfAbsent(exten, e -> Dialplan.newSteps());
      for (DialplanStep s : steps) {
        if (s.priority() == priority) {
          throw invalid(where, "duplicate priority " + priority + " of " + exten + "@" + section);
        }
      }
      steps.add(application(where, priority, m.group(2), app));
      lastExten = exten;
      lastPriority = priority;
    }
    return new Dialplan(contexts, globals);
  }

  private static DialplanStep application(String where, int priority, String label, String text) {
    int open = text.indexOf('(');
    if (open < 0) {
      int comma = text.indexOf(',');
      return comma < 0
          ? new DialplanStep(priority, label, text, "")
          : new DialplanStep(priority, label, text.substring(0, comma).strip(), text.substring(comma + 1));
    }
    if (!text.endsWith(")")) {
      throw invalid(where, "unbalanced parentheses in '" + text + "'");
    }
    String name = text.substring(0, open).strip();
    if (name.isEmpty()) {
      throw invalid(where, "missing application name");
    }
    return new DialplanStep(priority, label, name, text.substring(open + 1, text.length() - 1));
  }

  /** Removes a {@code ;} comment; {@code \;} is a literal semicolon. */
  private static String stripComment(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
        out.append(';');
        i++;
      } else if (c == ';') {
        break;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static DomainException invalid(String where, String message) {
    return DomainException.invalid("bad-dialplan", where + ": " + message);
  }
}
