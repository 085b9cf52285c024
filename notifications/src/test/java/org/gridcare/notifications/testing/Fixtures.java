package org.gridcare.notifications.testing;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.notifications.NotificationsModule;
import org.gridcare.notifications.app.Applicants;
import org.gridcare.notifications.app.OutageService;
import org.gridcare.notifications.app.Recipients;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.EstimatePolicy;
import org.gridcare.notifications.domain.MessageTemplates;
import org.gridcare.notifications.domain.Segment;
import org.gridcare.notifications.domain.Targeting;
import org.gridcare.notifications.pg.PgOptOuts;
import org.gridcare.notifications.pg.PgOutages;
import org.gridcare.platform.domain.PhoneNumbers;
import io.vertx.sqlclient.Pool;

/** Test data: synthetic customers with Norwegian mobile numbers, and an outage service over real stores. */
public final class Fixtures {
  public static final PhoneNumbers PHONES = new PhoneNumbers("NO");

  private Fixtures() {}

  /** {@code n} households with distinct mobiles +479xxxxxxx starting at {@code first}, all consenting. */
  public static List<Candidate> households(int first, int n) {
    List<Candidate> out = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      out.add(new Candidate("cust-" + i, "Customer " + i, mobile(i), i % 3 == 0 ? "ru" : "en", true,
          Segment.HOUSEHOLD));
    }
    return out;
  }

  public static String mobile(int i) {
    return String.format("+479%07d", i);
  }

  public static Targeting targeting() {
    return new Targeting(PHONES::normalise, PHONES::isMobile, "en", Set.of("en", "ru"));
  }

  /** The shipped configuration (tests run in the module's directory). */
  public static final ContactCentreConfig CONFIG =
      ConfigLoader.load(Path.of("../config/contact-centre.yaml"), Map.of());

  /** The shipped message texts (en, ru; Europe/Oslo). */
  public static MessageTemplates templates() {
    return NotificationsModule.templates(CONFIG);
  }

  public static OutageService outages(Pool pool, Recipients recipients, Clock clock) {
    return outages(pool, recipients, false, clock);
  }

  public static OutageService outages(Pool pool, Recipients recipients, boolean callWhenUrgent, Clock clock) {
    return new OutageService(new PgOutages(pool), recipients, new PgOptOuts(pool), targeting(), templates(),
        EstimatePolicy.DEFAULT, Duration.ofHours(24), callWhenUrgent, clock);
  }

  /** The CRM's application stages (as the server's wiring reports them). */
  public static final Set<String> STAGES = Set.of("application", "site-survey", "supply-plan", "design-review",
      "contract-and-fees", "meter-installation", "energised", "archived");

  /** Applicants whose numbers are {@code numbers} by customer id (unknown customers have none). */
  public static Applicants applicants(Map<String, List<Candidate>> numbers) {
    return new Applicants() {
      @Override
      public Future<List<Candidate>> numbers(String customerId) {
        return Future.succeededFuture(numbers.getOrDefault(customerId, List.of()));
      }

      @Override
      public Set<String> stages() {
        return STAGES;
      }
    };
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
