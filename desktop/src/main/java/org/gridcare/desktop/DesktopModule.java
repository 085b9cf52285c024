package org.gridcare.desktop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.config.TopicConfig;
import org.gridcare.desktop.app.AcdDesk;
import org.gridcare.desktop.app.CrmDesk;
import org.gridcare.desktop.app.Contacts;
import org.gridcare.desktop.app.Desk;
import org.gridcare.desktop.app.IvrDesk;
import org.gridcare.desktop.app.Surveys;
import org.gridcare.desktop.domain.Article;
import org.gridcare.desktop.domain.CallScript;
import org.gridcare.desktop.domain.Contact;
import org.gridcare.desktop.domain.Survey;
import org.gridcare.desktop.files.CsvAddressBook;
import org.gridcare.desktop.files.MarkdownArticles;
import org.gridcare.desktop.files.YamlCallScripts;
import org.gridcare.desktop.files.YamlSurveys;
import org.gridcare.desktop.http.HttpDesktopRoutes;
import org.gridcare.desktop.pg.PgAddressBook;
import org.gridcare.desktop.pg.PgCallFacts;
import org.gridcare.desktop.pg.PgCallLog;
import org.gridcare.desktop.pg.PgKnowledgeBase;
import org.gridcare.desktop.redis.RedisDeskStates;
import org.gridcare.pbx.Pbx;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;

/**
 * The operator desktop wired for the server's composition root. Call scripts ({@code scripts/*.yaml}), the surveys
 * operators run on calls ({@code surveys/*.yaml}), the knowledge
 * base ({@code kb/*.md}) and the corporate address book ({@code address-book.csv}) live in the configuration directory
 * beside the IVR menu file; they are read and validated at start (a bad file stops the start with file and key path
 * or line) and the articles and corporate contacts replace the stored ones.
 * {@link #desk()} takes what the ACD and the CRM announce (the server relays their event-bus messages).
 */
public final class DesktopModule {
  private final Desk desk;
  private final PgKnowledgeBase kb;
  private final Contacts contacts;
  private final Surveys surveys;

  private DesktopModule(Desk desk, PgKnowledgeBase kb, Contacts contacts, Surveys surveys) {
    this.desk = desk;
    this.kb = kb;
    this.contacts = contacts;
    this.surveys = surveys;
  }

  public static Future<DesktopModule> start(Vertx vertx, ContactCentreConfig config, Storage storage, Pbx pbx,
      AcdDesk acd, CrmDesk crm, IvrDesk ivr) {
    Path configDir = Path.of(config.ivr().menuFile()).toAbsolutePath().getParent();
    Set<String> topics = config.topics().stream().map(TopicConfig::id).collect(Collectors.toSet());
    java.util.List<Desk.Topic> topicList = config.topics().stream()
        .map(t -> new Desk.Topic(t.id(), t.name(), t.line())).toList();
    Set<String> endpoints = config.operators().stream().map(OperatorConfig::endpoint).collect(Collectors.toSet());
    PgKnowledgeBase kb = new PgKnowledgeBase(storage.pool());
    PgAddressBook book = new PgAddressBook(storage.pool());
    PhoneNumbers phones = new PhoneNumbers(config.locale().phoneRegion());
    record Files(Map<String, CallScript> scripts, java.util.List<Article> articles, java.util.List<Contact> corporate,
        Map<String, Survey> surveys) {}
    Set<String> ticketTopics = crm.ticketTopics();
    return vertx.executeBlocking(() -> new Files(YamlCallScripts.load(configDir.resolve("scripts"), topics),
            MarkdownArticles.load(configDir.resolve("kb")), CsvAddressBook.load(configDir.resolve("address-book.csv"), phones),
            YamlSurveys.load(configDir.resolve("surveys"), ticketTopics)),
            false)
        .compose(files -> kb.replaceAll(files.articles()).compose(v -> book.replaceCorporate(files.corporate())).compose(v -> {
          PgCallLog log = new PgCallLog(storage.pool());
          PgCallFacts facts = new PgCallFacts(storage.pool());
          Desk desk = new Desk(vertx, pbx, acd, crm, ivr, log, facts, storage.journal(), phones, files.scripts(), topicList,
              endpoints, new RedisDeskStates(vertx, storage.redis()), Clock.systemUTC());
          return desk.start().map(x -> new DesktopModule(desk, kb, new Contacts(book, phones),
              new Surveys(files.surveys(), log, facts, crm, storage.journal())));
        }));
  }

  public Desk desk() {
    return desk;
  }

  public String openApiFragment() {
    return "openapi/desktop.yaml";
  }

  public Consumer<RouterBuilder> routes() {
    return new HttpDesktopRoutes(desk, kb, contacts, surveys);
  }

  public Future<Void> close() {
    return desk.stop();
  }
}
