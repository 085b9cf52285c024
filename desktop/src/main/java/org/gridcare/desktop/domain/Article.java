package org.gridcare.desktop.domain;

import java.util.Objects;

/** A knowledge-base article: Markdown whose first {@code # } heading is the title; {@code language} en or ru. */
public record Article(String slug, String title, String body, String language) {

  public Article {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(language, "language");
  }

  /**
   * Reads one Markdown file: {@code slug} from the file name, the language from a {@code .ru.md} suffix (else en),
   * the title from the first level-one heading. Empty when the file has no heading.
   */
  public static java.util.Optional<Article> fromMarkdown(String fileName, String markdown) {
    String base = fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - 3) : fileName;
    String language = base.endsWith(".ru") ? "ru" : "en";
    String slug = base.endsWith(".ru") || base.endsWith(".en") ? base.substring(0, base.length() - 3) + "-" + language : base;
    return markdown.lines().filter(l -> l.startsWith("# ")).findFirst()
        .map(h -> new Article(slug, h.substring(2).strip(), markdown, language));
  }
}
