package org.gridcare.desktop.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleTest {

  @Test
  void theFirstHeadingIsTheTitleAndTheSuffixTheLanguage() {
    Article en = Article.fromMarkdown("downed-line.md", "Intro\n# Downed line\n\nStay away.").orElseThrow();
    assertThat(en.slug()).isEqualTo("downed-line");
    assertThat(en.title()).isEqualTo("Downed line");
    assertThat(en.language()).isEqualTo("en");
    Article ru = Article.fromMarkdown("obryv.ru.md", "# Обрыв провода\nНе подходите.").orElseThrow();
    assertThat(ru.slug()).isEqualTo("obryv-ru");
    assertThat(ru.language()).isEqualTo("ru");
  }

  @Test
  void aFileWithoutATitleIsNoArticle() {
    assertThat(Article.fromMarkdown("notes.md", "## only a subheading")).isEmpty();
  }
}
