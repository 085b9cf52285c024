package org.gridcare.desktop.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigProblem;
import org.gridcare.desktop.domain.Contact;
import org.gridcare.platform.domain.PhoneNumbers;

/**
 * Reads the corporate address book: a CSV with the header {@code name,phone,organisation} (no quoting: commas are
 * not allowed inside fields). Numbers are normalised to E.164; short service numbers of 3 to 5 digits (112) are
 * kept as they are. Bad rows are reported all at once by line; a missing file means an empty book.
 */
public final class CsvAddressBook {
  public static final String HEADER = "name,phone,organisation";

  private CsvAddressBook() {}

  public static List<Contact> load(Path file, PhoneNumbers phones) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<Contact> out = new ArrayList<>();
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new ConfigException(List.of(new ConfigProblem(file.toString(), "line 1", "the header must be " + HEADER)));
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      String where = "line " + (i + 1);
      if (f.length != 3) {
        problems.add(new ConfigProblem(file.toString(), where, "expected 3 fields (" + HEADER + "), got " + f.length));
        continue;
      }
      Optional<String> phone = f[1].strip().matches("\\d{3,5}") ? Optional.of(f[1].strip()) : phones.normalise(f[1]);
      if (f[0].isBlank()) {
        problems.add(new ConfigProblem(file.toString(), where, "a name is required"));
      } else if (phone.isEmpty()) {
        problems.add(new ConfigProblem(file.toString(), where, "not a phone number: " + f[1].strip()));
      } else {
        out.add(new Contact(0, null, f[0].strip(), phone.get(), f[2].isBlank() ? null : f[2].strip()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return out;
  }
}
