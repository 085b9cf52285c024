package org.gridcare.ivr.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gridcare.ivr.domain.IvrMenu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The menu new calls get. {@link #reload} reads and validates the file on a worker thread, prepares its prompts and
 * only then swaps it in: a bad file is rejected (the future fails with the problems) and the running menu stays.
 * Calls already in the IVR keep the menu they started with. {@link #watch} reloads when the file changes.
 */
public final class LiveMenu implements Supplier<IvrMenu> {
  private static final Logger LOG = LoggerFactory.getLogger(LiveMenu.class);

  private final Vertx vertx;
  private final Callable<IvrMenu> loader;
  private final Function<IvrMenu, Future<Void>> prepare;
  private final AtomicReference<IvrMenu> current = new AtomicReference<>();
  private volatile Instant loadedAt;
  private Future<IvrMenu> lastReload = Future.succeededFuture();
  private long timer = -1;
  private String seenVersion;

  /**
   * @param loader reads and validates the menu file (blocking; run on a worker thread)
   * @param prepare readies a new menu's prompts before it is used
   */
  public LiveMenu(Vertx vertx, Callable<IvrMenu> loader, Function<IvrMenu, Future<Void>> prepare) {
    this.vertx = vertx;
    this.loader = loader;
    this.prepare = prepare;
  }

  /** The current menu; fails before the first successful load. */
  @Override
  public IvrMenu get() {
    IvrMenu menu = current.get();
    if (menu == null) {
      throw new IllegalStateException("no IVR menu loaded");
    }
    return menu;
  }

  /** Loads, validates and prepares the file, then makes it current. Reloads run one after another. */
  public synchronized Future<IvrMenu> reload() {
    Future<IvrMenu> next = lastReload.transform(previous -> vertx.executeBlocking(loader, false))
        .compose(menu -> prepare.apply(menu).map(menu))
        .onSuccess(menu -> {
          current.set(menu);
          loadedAt = Instant.now();
          LOG.info("IVR menu loaded: {} nodes, languages {}", menu.nodes().size(), menu.languages());
        })
        .onFailure(e -> LOG.error("IVR menu rejected, the running menu stays:\n{}", e.getMessage()));
    lastReload = next;
    return next;
  }

  /** When the current menu was loaded (null before the first load). */
  public Instant loadedAt() {
    return loadedAt;
  }

  /** The latest reload, finished or not. */
  synchronized Future<IvrMenu> lastReload() {
    return lastReload;
  }

  /**
   * Checks the file's modification time and size every {@code every}; a change triggers {@link #reload}. Completes
   * once the file's current version is known.
   */
  public Future<Void> watch(Path file, Duration every) {
    String path = file.toString();
    return vertx.fileSystem().props(path).map(p -> {
      seenVersion = p.lastModifiedTime() + "/" + p.size();
      timer = vertx.setPeriodic(every.toMillis(), id -> vertx.fileSystem().props(path).onSuccess(now -> {
        String version = now.lastModifiedTime() + "/" + now.size();
        if (!version.equals(seenVersion)) {
          seenVersion = version;
          LOG.info("IVR menu file {} changed: reloading", path);
          reload();
        }
      }));
      return null;
    });
  }

  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
