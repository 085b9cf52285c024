package org.gridcare.desktop.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.gridcare.desktop.app.KnowledgeBase;
import org.gridcare.desktop.domain.Article;

/**
 * Articles in {@code desktop_kb_articles} with a generated, weighted {@code tsvector} (title A, body B) in the
 * article's language. A query is read in both languages (web-search syntax: words, "phrases", -not) and ranked by
 * {@code ts_rank_cd}.
 */
public final class PgKnowledgeBase implements KnowledgeBase {
  private final Pool pool;

  public PgKnowledgeBase(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> replaceAll(List<Article> articles) {
    return pool.withTransaction(tx -> tx.query("DELETE FROM desktop_kb_articles").execute()
        .compose(v -> articles.isEmpty() ? Future.succeededFuture()
            : tx.preparedQuery("INSERT INTO desktop_kb_articles (slug, title, body, language) VALUES ($1, $2, $3, $4)")
                .executeBatch(articles.stream().map(a -> Tuple.of(a.slug(), a.title(), a.body(), a.language())).toList())
                .mapEmpty()))
        .mapEmpty();
  }

  @Override
  public Future<List<Hit>> search(String query, int limit) {
    return pool.preparedQuery("WITH q AS (SELECT websearch_to_tsquery('english', $1) AS en,"
            + " websearch_to_tsquery('russian', $1) AS ru)"
            + " SELECT slug, title, language, ts_rank_cd(document, CASE language WHEN 'ru' THEN q.ru ELSE q.en END) AS rank,"
            + " ts_headline(CASE language WHEN 'ru' THEN 'russian' ELSE 'english' END::regconfig, body,"
            + " CASE language WHEN 'ru' THEN q.ru ELSE q.en END,"
            + " 'StartSel=<<, StopSel=>>, MaxWords=30, MinWords=12, MaxFragments=2') AS snippet"
            + " FROM desktop_kb_articles, q WHERE document @@ (CASE language WHEN 'ru' THEN q.ru ELSE q.en END)"
            + " ORDER BY rank DESC, title LIMIT $2")
        .execute(Tuple.of(query, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> new Hit(r.getString("slug"),
            r.getString("title"), r.getString("language"), r.getString("snippet"), r.getDouble("rank"))).toList());
  }

  @Override
  public Future<Optional<Article>> article(String slug) {
    return pool.preparedQuery("SELECT slug, title, body, language FROM desktop_kb_articles WHERE slug = $1")
        .execute(Tuple.of(slug))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(article(rows.iterator().next())));
  }

  private static Article article(Row r) {
    return new Article(r.getString("slug"), r.getString("title"), r.getString("body"), r.getString("language"));
  }
}
