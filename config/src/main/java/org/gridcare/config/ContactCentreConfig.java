package org.gridcare.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The whole configuration, immutable, validated once at start and passed to constructors. */
public record ContactCentreConfig(
    ServerConfig server,
    StorageConfig storage,
    PbxConfig pbx,
    AuthConfig auth,
    LocaleConfig locale,
    List<LineConfig> lines,
    List<TopicConfig> topics,
    List<OperatorConfig> operators,
    AcdConfig acd,
    IvrConfig ivr,
    RecordingsConfig recordings,
    NotificationsConfig notifications,
    PrivacyConfig privacy,
    CrmConfig crm,
    SurveyCampaignsConfig surveyCampaigns) {

  public ContactCentreConfig {
    server = server == null ? ServerConfig.defaults() : server;
    storage = storage == null ? StorageConfig.defaults() : storage;
    pbx = pbx == null ? PbxConfig.defaults() : pbx;
    auth = auth == null ? AuthConfig.defaults() : auth;
    locale = locale == null ? LocaleConfig.defaults() : locale;
    lines = lines == null ? List.of() : List.copyOf(lines);
    topics = topics == null ? List.of() : List.copyOf(topics);
    operators = operators == null ? List.of() : List.copyOf(operators);
    acd = acd == null ? AcdConfig.defaults() : acd;
    ivr = (ivr == null ? IvrConfig.defaults() : ivr).withVoicemailDirIn(storage.dataDir());
    recordings = recordings == null ? RecordingsConfig.defaults() : recordings;
    notifications = notifications == null ? NotificationsConfig.defaults() : notifications;
    privacy = privacy == null ? PrivacyConfig.defaults() : privacy;
    crm = crm == null ? CrmConfig.defaults() : crm;
    surveyCampaigns = surveyCampaigns == null ? SurveyCampaignsConfig.defaults() : surveyCampaigns;
  }

  /** Without the outbound survey campaigns' section (defaults). */
  public ContactCentreConfig(ServerConfig server, StorageConfig storage, PbxConfig pbx, AuthConfig auth,
      LocaleConfig locale, List<LineConfig> lines, List<TopicConfig> topics, List<OperatorConfig> operators,
      AcdConfig acd, IvrConfig ivr, RecordingsConfig recordings, NotificationsConfig notifications,
      PrivacyConfig privacy, CrmConfig crm) {
    this(server, storage, pbx, auth, locale, lines, topics, operators, acd, ivr, recordings, notifications, privacy,
        crm, null);
  }

  public Optional<LineConfig> line(int id) {
    return lines.stream().filter(l -> l.id() == id).findFirst();
  }

  public Optional<TopicConfig> topic(String id) {
    return topics.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** Checks every section and the references between them; all problems are reported at once. */
  void validate(Problems p, Map<String, String> env) {
    server.validate(p);
    storage.validate(p, env);
    pbx.validate(p, env);
    auth.validate(p);
    locale.validate(p);
    acd.validate(p);
    ivr.validate(p);
    recordings.validate(p);
    notifications.validate(p, env, locale.languages());
    privacy.validate(p, env);
    crm.validate(p, env);
    surveyCampaigns.validate(p, locale.languages());

    p.check(!lines.isEmpty(), "lines", "at least one support line is required");
    Set<Integer> lineIds = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      LineConfig l = lines.get(i);
      l.validate(p, "lines[" + i + "]");
      if (l.id() != null && !lineIds.add(l.id())) {
        p.add("lines[" + i + "].id", "duplicate line id " + l.id());
      }
    }
    Set<String> topicIds = new HashSet<>();
    Set<String> skills = new HashSet<>();
    for (int i = 0; i < topics.size(); i++) {
      TopicConfig t = topics.get(i);
      String key = "topics[" + i + "]";
      t.validate(p, key);
      if (t.id() != null && !topicIds.add(t.id())) {
        p.add(key + ".id", "duplicate topic id " + t.id());
      }
      if (t.line() != null && !lineIds.contains(t.line())) {
        p.add(key + ".line", "refers to line " + t.line() + ", which does not exist (lines: " + lineIds + ")");
      }
      skills.add(t.skill());
    }
    for (String topic : recordings.retentionByTopic().keySet()) {
      if (!topicIds.contains(topic)) {
        p.add("recordings.retention-by-topic." + topic, "unknown topic (known: " + topicIds + ")");
      }
    }
    Set<String> operatorIds = new HashSet<>();
    for (int i = 0; i < operators.size(); i++) {
      OperatorConfig o = operators.get(i);
      String key = "operators[" + i + "]";
      o.validate(p, key);
      if (o.id() != null && !operatorIds.add(o.id())) {
        p.add(key + ".id", "duplicate operator id " + o.id());
      }
      for (Integer line : o.lines()) {
        if (!lineIds.contains(line)) {
          p.add(key + ".lines", "refers to line " + line + ", which does not exist");
        }
      }
      for (String skill : o.skills().keySet()) {
        if (!skills.contains(skill)) {
          p.add(key + ".skills." + skill, "unknown skill (no topic uses it; known: " + skills + ")");
        }
      }
    }
    for (Integer line : ivr.survey().lines()) {
      if (!lineIds.contains(line)) {
        p.add("ivr.survey.lines", "refers to line " + line + ", which does not exist (lines: " + lineIds + ")");
      }
    }
    List<AcdConfig.Destination> ds = acd.peakOverflow().destinations();
    for (int i = 0; i < ds.size(); i++) {
      for (Integer line : ds.get(i).lines()) {
        if (!lineIds.contains(line)) {
          p.add("acd.peak-overflow.destinations[" + i + "].lines", "refers to line " + line + ", which does not exist");
        }
      }
    }
  }
}
