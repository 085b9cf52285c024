package org.gridcare.desktop.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridcare.config.ConfigException;
import org.gridcare.config.ConfigProblem;
import org.gridcare.desktop.domain.Article;

/** Reads the knowledge base: every {@code *.md} of a directory ({@code name.ru.md} is Russian); a file needs a {@code # } title. */
public final class MarkdownArticles {
  private MarkdownArticles() {}

  public static List<Article> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Article> out = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        Article.fromMarkdown(f.getFileName().toString(), Files.readString(f)).ifPresentOrElse(out::add,
            () -> problems.add(new ConfigProblem(f.toString(), "", "an article needs a '# Title' line")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return out;
  }
}
