package org.gridcare.crm;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.gridcare.platform.domain.DomainException;

/** Blocking helpers for tests running on the JUnit thread. */
public final class Await {
  private Await() {}

  public static <T> T ok(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  /** The DomainException the future failed with (fails the test when it succeeded or failed otherwise). */
  public static DomainException fails(Future<?> f) throws Exception {
    Throwable cause = f.transform(ar -> Future.succeededFuture(ar.failed() ? ar.cause() : null))
        .await(20, TimeUnit.SECONDS);
    if (cause instanceof DomainException e) {
      return e;
    }
    throw new AssertionError("expected a DomainException, got " + cause, cause);
  }
}
