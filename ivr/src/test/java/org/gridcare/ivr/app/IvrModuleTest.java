package org.gridcare.ivr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.ivr.IvrModule;
import org.gridcare.pbx.CallScript;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired module: real FreeTTS, the shipped menu, a real journal; CRM, outages and ACD faked. */
@RealServers
class IvrModuleTest {
  final Map<String, CallScript> scripts = new ConcurrentHashMap<>();
  final Fakes.Crm crm = new Fakes.Crm();
  final Fakes.Acd acd = new Fakes.Acd();
  Path menuFile;
  Path ttsDir;
  Storage storage;
  IvrModule module;

  @BeforeEach
  void start(Vertx vertx, StorageSettings settings, @TempDir Path dir) throws Exception {
    menuFile = dir.resolve("ivr.yaml");
    Files.copy(Path.of("../config/ivr.yaml"), menuFile);
    ttsDir = dir.resolve("tts");
    ContactCentreConfig config = ConfigLoader.load(Path.of("../config/contact-centre.yaml"), Map.of(
        "CC_IVR_MENU_FILE", menuFile.toString(),
        "CC_IVR_PROMPTS_DIR", dir.resolve("prompts").toString(),
        "CC_IVR_TTS_CACHE_DIR", ttsDir.toString(),
        "CC_STORAGE_DATA_DIR", dir.resolve("data").toString()));
    storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    storage.pool().query("TRUNCATE journal").execute().await(10, TimeUnit.SECONDS);
    crm.byPhone.put(IvrEngineTest.ANNA_PHONE, List.of(IvrEngineTest.ANNA));
    module = IvrModule.start(vertx, config, storage, scripts::put,
        new IvrModule.Ports(crm, new Fakes.Outages(), crm, crm, acd), new SimpleMeterRegistry())
        .await(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    module.close().await(10, TimeUnit.SECONDS);
    storage.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void registersTheIvrAndVoicemailScriptsAndPlaysRenderedPrompts() throws Exception {
    assertThat(scripts).containsOnlyKeys("ivr", "voicemail", "survey", "ivr-node");
    ScriptedCaller caller = new ScriptedCaller(IvrEngineTest.ANNA_PHONE).silent().presses("0");

    scripts.get("ivr").run(caller).await(30, TimeUnit.SECONDS);

    assertThat(caller.heard()).hasSize(5).allSatisfy(prompt -> assertThat(Path.of(prompt + ".wav")).exists());
    assertThat(caller.heard()).filteredOn(p -> !p.startsWith(ttsDir.toAbsolutePath().resolve("personal").toString()))
        .as("only the greeting with the customer's name is personal").hasSize(4)
        .allSatisfy(p -> assertThat(Path.of(p + ".wav")).hasParentRaw(ttsDir.toAbsolutePath()));
    assertThat(caller.hungUpByIvr).isTrue();
  }

  @Test
  void voicemailScriptRecordsAndRegistersACallBackTicket() throws Exception {
    ScriptedCaller caller = new ScriptedCaller(IvrEngineTest.ANNA_PHONE).hangsUp();

    scripts.get("voicemail").run(caller).await(30, TimeUnit.SECONDS);

    assertThat(crm.voicemails).singleElement().satisfies(v -> assertThat(v.customerId()).isNull());
    List<Row> rows = new ArrayList<>();
    storage.pool().query("SELECT type, data FROM journal WHERE type = 'ivr.completed'").execute()
        .await(10, TimeUnit.SECONDS).forEach(rows::add);
    assertThat(rows).singleElement().satisfies(r ->
        assertThat(r.getJsonObject("data").getString("ending")).isEqualTo("voicemail"));
  }

  @Test
  void aMenuWithoutTheVoicemailNodeIsRejected() throws Exception {
    // Rename the node and every reference to it: the menu stays consistent but has no "voicemail" node.
    String renamed = Files.readString(menuFile)
        .replace("  voicemail:\n    type: voicemail", "  vm:\n    type: voicemail")
        .replace("5: voicemail,", "5: vm,").replace("on-error: voicemail}", "on-error: vm}")
        .replace("next: voicemail}", "next: vm}");
    Files.writeString(menuFile, renamed);

    assertThatThrownBy(() -> module.menu().reload().await(30, TimeUnit.SECONDS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nodes.voicemail: missing voicemail node");
    assertThat(module.menu().get().nodes()).containsKey("voicemail");
  }

  @Test
  void aMenuWithoutTheSurveyNodeIsRejectedWhileALineOffersTheSurvey() throws Exception {
    String renamed = Files.readString(menuFile)
        .replace("  survey:\n    type: collect", "  rate:\n    type: collect").replace("next: survey}", "next: rate}");
    Files.writeString(menuFile, renamed);

    assertThatThrownBy(() -> module.menu().reload().await(30, TimeUnit.SECONDS))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nodes.survey: missing survey node");
    assertThat(module.menu().get().nodes()).containsKey("survey");
  }
}
