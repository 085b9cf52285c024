package org.gridcare.ivr.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.TopicConfig;
import org.gridcare.ivr.domain.MenuCatalogue;
import org.gridcare.ivr.domain.MenuCatalogue.TopicRoute;

/** What the centre's configuration offers a menu: the utility actions, topics, lines and languages. */
public final class Catalogues {
  private Catalogues() {}

  public static MenuCatalogue of(ContactCentreConfig config) {
    Map<String, TopicRoute> topics = new LinkedHashMap<>();
    for (TopicConfig t : config.topics()) {
      topics.put(t.id(), new TopicRoute(t.id(), t.line(), t.priority(), t.hazard()));
    }
    return new MenuCatalogue(UtilityActions.SPECS, topics,
        config.lines().stream().map(LineConfig::id).collect(Collectors.toSet()), config.locale().languages());
  }
}
