package org.gridcare.privacy.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ConfigProblem;
import org.gridcare.config.Problems;
import org.gridcare.config.RecordingsConfig;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.DeletionRule;
import org.gridcare.privacy.domain.ProcessingActivity;
import org.gridcare.privacy.domain.ProcessingRecords;
import org.gridcare.privacy.domain.Processor;
import org.gridcare.privacy.domain.RecordMarkdown;
import org.gridcare.privacy.domain.RetentionPolicy;

/**
 * Reads {@code config/privacy.yaml}:
 *
 * <pre>
 * controller: {name: ..., contact: ..., data-protection-officer: ...}
 * categories:                 # every stored category, exactly once
 *   call-journal: {description: ..., retention: 730d, rule: anonymise, on-erasure: erase}
 *   meter-readings: {..., rule: delete, on-erasure: keep, duty: "Accounting Act ..."}
 *   audit: {..., hold: "why the job must not touch it"}
 * activities:
 *   - {id: telephone-reception, name: ..., purpose: ..., legal-basis: ..., data-subjects: [..], personal-data: [..],
 *      recipients: [..], processors: [{name, role, location, safeguards}], categories: [call-journal, ..], security: [..]}
 * </pre>
 *
 * Every problem is reported at once with the file, the key path and what is wrong. The recordings category's
 * retention is enforced by the recordings module, so it must equal {@code recordings.retention}; its per-topic periods
 * are added to the record from {@code recordings.retention-by-topic}.
 */
public final class YamlProcessingRecords {
  private YamlProcessingRecords() {}

  /** Blocking (file I/O): call it on a worker thread. */
  public static ProcessingRecords load(Path file, RecordingsConfig recordings) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw problem(file.toString(), "", "file not found");
    } catch (IOException e) {
      throw problem(file.toString(), "", "cannot read: " + e.getMessage());
    }
    return parse(text, file.toString(), recordings);
  }

  public static ProcessingRecords parse(String text, String name, RecordingsConfig recordings) {
    ObjectMapper mapper = ConfigLoader.yamlMapper();
    Document doc;
    try {
      doc = mapper.readValue(text, Document.class);
    } catch (UnrecognizedPropertyException e) {
      throw problem(name, path(e), "unknown key \"" + e.getPropertyName() + "\"");
    } catch (InvalidFormatException e) {
      throw problem(name, path(e), "wrong type: got \"" + e.getValue() + "\"");
    } catch (MismatchedInputException e) {
      throw problem(name, path(e), "wrong type: expected "
          + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName()));
    } catch (JsonMappingException e) {
      Throwable root = e.getCause() != null ? e.getCause() : e;
      throw problem(name, path(e), "invalid value: " + root.getMessage());
    } catch (JsonProcessingException e) {
      throw problem(name, "", "not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    }
    if (doc == null) {
      throw problem(name, "", "empty file");
    }
    Problems p = new Problems(name);
    ProcessingRecords records = validate(doc, p, recordings);
    p.throwIfAny();
    return records;
  }

  private static ProcessingRecords validate(Document doc, Problems p, RecordingsConfig recordings) {
    ControllerDoc c = doc.controller();
    if (c == null) {
      p.add("controller", "missing required value");
      c = new ControllerDoc(null, null, null);
    }
    p.required("controller.name", c.name());
    p.required("controller.contact", c.contact());
    p.required("controller.data-protection-officer", c.dataProtectionOfficer());

    Map<String, CategoryDoc> declared = doc.categories() == null ? Map.of() : doc.categories();
    Map<Category, RetentionPolicy> policies = new EnumMap<>(Category.class);
    for (var e : declared.entrySet()) {
      String key = "categories." + e.getKey();
      Optional<Category> category = Category.of(e.getKey());
      if (category.isEmpty()) {
        p.add(key, "unknown category (the system stores: " + known() + ")");
        continue;
      }
      policy(category.get(), e.getValue(), key, p, recordings).ifPresent(pol -> policies.put(category.get(), pol));
    }
    for (Category k : Category.values()) {
      p.check(declared.containsKey(k.id()), "categories." + k.id(),
          "missing: the system stores this personal data (" + String.join(", ", k.stores())
              + ") and it needs a retention period and deletion rule");
    }

    List<ProcessingActivity> activities = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<Category> covered = new HashSet<>();
    List<ActivityDoc> docs = doc.activities() == null ? List.of() : doc.activities();
    p.check(!docs.isEmpty(), "activities", "at least one processing activity is required");
    for (int i = 0; i < docs.size(); i++) {
      String key = "activities[" + i + "]";
      ActivityDoc a = docs.get(i);
      p.required(key + ".id", a.id());
      if (a.id() != null && !ids.add(a.id())) {
        p.add(key + ".id", "duplicate activity id " + a.id());
      }
      p.required(key + ".name", a.name());
      p.required(key + ".purpose", a.purpose());
      p.required(key + ".legal-basis", a.legalBasis());
      nonEmpty(p, key + ".data-subjects", a.dataSubjects());
      nonEmpty(p, key + ".personal-data", a.personalData());
      nonEmpty(p, key + ".security", a.security());
      nonEmpty(p, key + ".categories", a.categories());
      List<Category> cats = new ArrayList<>();
      List<String> names = a.categories() == null ? List.of() : a.categories();
      for (int j = 0; j < names.size(); j++) {
        Optional<Category> k = Category.of(names.get(j));
        if (k.isEmpty()) {
          p.add(key + ".categories[" + j + "]", "unknown category " + names.get(j) + " (known: " + known() + ")");
        } else {
          cats.add(k.get());
          covered.add(k.get());
        }
      }
      List<Processor> processors = new ArrayList<>();
      List<ProcessorDoc> pds = a.processors() == null ? List.of() : a.processors();
      for (int j = 0; j < pds.size(); j++) {
        ProcessorDoc pd = pds.get(j);
        String pk = key + ".processors[" + j + "]";
        p.required(pk + ".name", pd.name());
        p.required(pk + ".role", pd.role());
        p.required(pk + ".location", pd.location());
        p.required(pk + ".safeguards", pd.safeguards());
        processors.add(new Processor(pd.name(), pd.role(), pd.location(), pd.safeguards()));
      }
      activities.add(new ProcessingActivity(a.id(), a.name(), a.purpose(), a.legalBasis(), list(a.dataSubjects()),
          list(a.personalData()), list(a.recipients()), processors, cats, list(a.security())));
    }
    for (Category k : Category.values()) {
      p.check(covered.contains(k) || !declared.containsKey(k.id()), "categories." + k.id(),
          "no processing activity produces this category (list it in an activity's categories)");
    }
    return new ProcessingRecords(new ProcessingRecords.Controller(c.name(), c.contact(), c.dataProtectionOfficer()),
        activities, policies);
  }

  private static Optional<RetentionPolicy> policy(Category k, CategoryDoc d, String key, Problems p,
      RecordingsConfig recordings) {
    if (d == null) {
      p.add(key, "missing required value");
      return Optional.empty();
    }
    int before = p.list().size();
    p.required(key + ".description", d.description());
    Optional<DeletionRule> rule = d.rule() == null ? Optional.empty() : DeletionRule.of(d.rule());
    if (d.rule() == null) {
      p.add(key + ".rule", "missing required value (" + rules(k) + ")");
    } else if (rule.isEmpty() || !k.rules().contains(rule.get())) {
      p.add(key + ".rule", "\"" + d.rule() + "\" cannot be enforced for " + k.id() + " (possible: " + rules(k) + ")"
          + (k.rules().contains(DeletionRule.ANONYMISE) ? "; its rows are kept so report totals add up" : ""));
    }
    boolean onRequest = rule.isPresent() && rule.get() == DeletionRule.ON_REQUEST;
    if (onRequest) {
      p.check(d.retention() == null, key + ".retention", "must be left out: " + k.id() + " is kept until "
          + k.measuredFrom());
    } else if (d.retention() == null) {
      p.add(key + ".retention", "missing required value (a duration such as 365d)");
    } else {
      p.check(!d.retention().isNegative() && !d.retention().isZero(), key + ".retention", "must be positive");
    }
    String description = d.description();
    if (k == Category.RECORDINGS && d.retention() != null) {
      p.check(d.retention().equals(recordings.retention()), key + ".retention", "must equal recordings.retention ("
          + RecordMarkdown.human(recordings.retention()) + "), which the recordings module enforces");
      if (!recordings.retentionByTopic().isEmpty()) {
        description = description + " (per call topic, from recordings.retention-by-topic: "
            + recordings.retentionByTopic().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + RecordMarkdown.human(e.getValue())).collect(Collectors.joining(", "))
            + ")";
      }
    }
    boolean keep;
    if (d.onErasure() == null || d.onErasure().equals("erase")) {
      keep = false;
    } else if (d.onErasure().equals("keep")) {
      keep = true;
      p.required(key + ".duty", d.duty());
    } else {
      p.add(key + ".on-erasure", "must be erase or keep, got " + d.onErasure());
      keep = false;
    }
    p.check(k != Category.AUDIT || keep, key + ".on-erasure", "must be keep: the audit is append-only and hash-chained");
    if (d.hold() != null) {
      p.check(!d.hold().isBlank(), key + ".hold", "give the reason for the hold");
    }
    if (p.list().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new RetentionPolicy(k, description, d.retention(), rule.get(), keep, d.duty(), d.hold()));
  }

  private static void nonEmpty(Problems p, String key, List<String> values) {
    if (values == null || values.isEmpty()) {
      p.add(key, "at least one entry is required");
    }
  }

  private static List<String> list(List<String> l) {
    return l == null ? List.of() : l;
  }

  private static String known() {
    return java.util.Arrays.stream(Category.values()).map(Category::id).collect(Collectors.joining(", "));
  }

  private static String rules(Category k) {
    return k.rules().stream().map(DeletionRule::id).sorted().collect(Collectors.joining(", "));
  }

  private static ConfigException problem(String file, String key, String message) {
    return new ConfigException(List.of(new ConfigProblem(file, key, message)));
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      }
    }
    return b.toString();
  }

  record Document(ControllerDoc controller, LinkedHashMap<String, CategoryDoc> categories,
      List<ActivityDoc> activities) {}

  record ControllerDoc(String name, String contact, String dataProtectionOfficer) {}

  record CategoryDoc(String description, Duration retention, String rule, String onErasure, String duty, String hold) {}

  record ActivityDoc(String id, String name, String purpose, String legalBasis, List<String> dataSubjects,
      List<String> personalData, List<String> recipients, List<ProcessorDoc> processors, List<String> categories,
      List<String> security) {}

  record ProcessorDoc(String name, String role, String location, String safeguards) {}
}
