package org.gridcare.testsupport;

import io.vertx.junit5.VertxExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against real PostgreSQL and Redis servers, started once per test JVM. Test methods and
 * lifecycle methods may take a {@link org.gridcare.storage.StorageSettings}: a fresh, empty database for this class
 * and a flushed Redis. Also registers {@link VertxExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({VertxExtension.class, RealServersExtension.class})
public @interface RealServers {}
