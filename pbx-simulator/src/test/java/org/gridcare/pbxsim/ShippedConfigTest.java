package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcare.pbxsim.dialplan.Dialplan;
import org.gridcare.pbxsim.dialplan.DialplanParser;
import org.gridcare.pbxsim.dialplan.DialplanStep;
import org.gridcare.pbxsim.engine.EndpointConfig;
import org.gridcare.pbxsim.engine.PjsipEndpoints;
import org.junit.jupiter.api.Test;

/**
 * config/asterisk as shipped: the dialplan implements the contract of docs/ARCHITECTURE.md and uses only
 * applications the simulator runs; manager.conf, pjsip.conf and musiconhold.conf are well-formed with known keys
 * (no Asterisk is available here to load them).
 */
class ShippedConfigTest {
  private static final Path DIR = SimulatorOptions.defaultDialplan().getParent();
  private static final Pattern SECTION = Pattern.compile("\\[([A-Za-z0-9_.-]+)\\](?:\\(([!A-Za-z0-9_,-]*)\\))?");

  @Test
  void dialplanHasEveryContractContextAndTheAgiGlobal() {
    Dialplan plan = DialplanParser.parse(DIR.resolve("extensions.conf"));
    assertThat(plan.contexts()).containsExactlyInAnyOrder("cc-inbound", "cc-wait", "cc-survey", "cc-operator",
        "cc-hold", "cc-spy", "cc-dial-out", "cc-notify", "cc-voicemail", "cc-consult", "cc-conference", "cc-ivr-node",
        "cc-survey-out");
    assertThat(plan.globals()).containsEntry("CC_AGI", "127.0.0.1:4573");
    assertThat(plan.extensions("cc-inbound")).containsExactly("80012345");
    for (String ctx : plan.contexts()) {
      if (!ctx.equals("cc-inbound")) {
        assertThat(plan.extensions(ctx)).as(ctx).containsExactly("s");
      }
    }
  }

  @Test
  void dialplanStepsMatchTheContractTable() {
    Dialplan plan = DialplanParser.parse(DIR.resolve("extensions.conf"));
    assertThat(apps(plan, "cc-inbound", "80012345")).containsSubsequence("Answer:", "AGI:agi://${CC_AGI}/ivr",
        "GotoIf:$[\"${CC_NEXT}\" = \"wait\"]?cc-wait,s,1", "Hangup:");
    assertThat(apps(plan, "cc-wait", "s")).containsSubsequence("AGI:agi://${CC_AGI}/wait", "Hangup:");
    assertThat(apps(plan, "cc-operator", "s")).containsSubsequence("Playback:${CC_WHISPER}", "Wait:3600");
    assertThat(apps(plan, "cc-hold", "s")).contains("MusicOnHold:default");
    assertThat(apps(plan, "cc-spy", "s")).contains("ChanSpy:${CC_SPY_TARGET},q${CC_SPY_MODE}");
    assertThat(apps(plan, "cc-dial-out", "s")).contains("Dial:PJSIP/${CC_DIAL_NUMBER}@trunk");
    assertThat(apps(plan, "cc-notify", "s")).containsSubsequence("AMD:", "AGI:agi://${CC_AGI}/notify");
    assertThat(apps(plan, "cc-survey-out", "s")).containsSubsequence("AMD:", "AGI:agi://${CC_AGI}/survey-out", "Hangup:");
    assertThat(apps(plan, "cc-voicemail", "s")).contains("AGI:agi://${CC_AGI}/voicemail");
    assertThat(apps(plan, "cc-consult", "s")).contains("Wait:3600");
    assertThat(apps(plan, "cc-conference", "s")).contains("ConfBridge:${CC_CONF_ROOM}");
    assertThat(apps(plan, "cc-ivr-node", "s")).containsSubsequence("AGI:agi://${CC_AGI}/ivr-node",
        "GotoIf:$[\"${CC_NEXT}\" = \"wait\"]?cc-wait,s,1");
    assertThat(plan.labelPriority("cc-operator", "s", "wait")).hasValue(4);
    Set<String> simulated = Set.of("Answer", "AGI", "Goto", "GotoIf", "Set", "Hangup", "Wait", "MusicOnHold",
        "ChanSpy", "Dial", "Playback", "NoOp", "Verbose", "AMD", "ConfBridge");
    for (String ctx : plan.contexts()) {
      for (String ext : plan.extensions(ctx)) {
        assertThat(plan.steps(ctx, ext)).extracting(DialplanStep::application).allMatch(simulated::contains);
      }
    }
  }

  @Test
  void theJarCarriesTheSameDialplanForUseOutsideTheRepository() throws IOException {
    try (java.io.InputStream in = SimulatorOptions.class.getResourceAsStream("asterisk/extensions.conf")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(DIR.resolve("extensions.conf")));
    }
  }

  private static List<String> apps(Dialplan plan, String ctx, String ext) {
    return plan.steps(ctx, ext).stream().map(s -> s.application() + ":" + s.data()).toList();
  }

  @Test
  void managerConfHasOneLeastPrivilegeUserOnLoopback() throws IOException {
    Map<String, Map<String, String>> conf = ini(DIR.resolve("manager.conf"), Set.of("enabled", "port", "bindaddr",
        "displayconnects", "authtimeout", "authlimit", "timestampevents", "webenabled", "secret", "deny", "permit",
        "read", "write", "writetimeout"));
    assertThat(conf.keySet()).containsExactly("general", "contact-centre");
    assertThat(conf.get("general")).containsEntry("bindaddr", "127.0.0.1").containsEntry("enabled", "yes");
    Map<String, String> user = conf.get("contact-centre");
    assertThat(user.get("secret")).startsWith("CHANGE_ME");
    assertThat(user).containsEntry("deny", "0.0.0.0/0.0.0.0").containsEntry("permit", "127.0.0.1/255.255.255.255");
    assertThat(user.get("read").split(",")).doesNotContain("all", "command", "config").contains("call", "agi");
    assertThat(user.get("write").split(",")).doesNotContain("all", "command", "config").contains("originate");
  }

  @Test
  void pjsipConfDefinesTheTrunkAndTheSoftphones() throws IOException {
    ini(DIR.resolve("pjsip.conf"), Set.of("type", "user_agent", "endpoint_identifier_order", "protocol", "bind",
        "transport", "context", "disallow", "allow", "dtmf_mode", "direct_media", "rtp_symmetric", "force_rport",
        "rewrite_contact", "trust_id_inbound", "send_pai", "language", "qualify_frequency", "retry_interval",
        "forbidden_retry_interval", "expiration", "line", "aors", "outbound_auth", "from_domain", "contact",
        "auth_type", "username", "password", "endpoint", "match", "server_uri", "client_uri", "contact_user",
        "device_state_busy_at", "max_contacts", "remove_existing", "auth", "callerid"));
    Map<String, EndpointConfig> endpoints = PjsipEndpoints.read(DIR.resolve("pjsip.conf"));
    assertThat(endpoints.keySet()).containsExactlyInAnyOrder("trunk", "op1001", "op2001", "op3001", "sup1");
    assertThat(endpoints.get("trunk").context()).isEqualTo("cc-inbound");
    assertThat(endpoints.get("op1001").callerIdNum()).isEqualTo("1001");
  }

  @Test
  void musicOnHoldHasTheDefaultClass() throws IOException {
    Map<String, Map<String, String>> conf = ini(DIR.resolve("musiconhold.conf"),
        Set.of("cachertclasses", "mode", "directory", "sort"));
    assertThat(conf.get("default")).containsEntry("mode", "files").containsKey("directory");
  }

  /** Parses an Asterisk .conf: every line is a section header, key = value or a comment; keys must be known. */
  private static Map<String, Map<String, String>> ini(Path file, Set<String> knownKeys) throws IOException {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    int n = 0;
    for (String raw : Files.readAllLines(file)) {
      n++;
      String line = raw.replaceAll(";.*$", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = SECTION.matcher(line);
      if (m.matches()) {
        current = sections.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>());
        continue;
      }
      assertThat(current).as(file.getFileName() + ":" + n + " key outside a section").isNotNull();
      int eq = line.indexOf('=');
      assertThat(eq).as(file.getFileName() + ":" + n + " not key = value: " + line).isPositive();
      String key = line.substring(0, eq).strip();
      assertThat(knownKeys).as(file.getFileName() + ":" + n + " unknown key").contains(key);
      current.put(key, line.substring(eq + 1).strip());
    }
    return sections;
  }
}
