package org.gridcare.desktop.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.gridcare.desktop.domain.Article;

/** The knowledge base (port): articles from configuration, ranked full-text search. */
public interface KnowledgeBase {

  /** Replaces every article with {@code articles} (at start, from the Markdown files). */
  Future<Void> replaceAll(List<Article> articles);

  /** Best first; {@code snippet} marks the matched words with {@code <<} and {@code >>}. */
  Future<List<Hit>> search(String query, int limit);

  Future<Optional<Article>> article(String slug);

  record Hit(String slug, String title, String language, String snippet, double rank) {}
}
