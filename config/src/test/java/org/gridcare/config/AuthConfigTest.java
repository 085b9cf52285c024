package org.gridcare.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session and login-protection settings: the shipped values, environment overrides and what validation refuses. */
class AuthConfigTest {
  private static final Path SHIPPED = Path.of("contact-centre.yaml");

  @Test
  void shippedValuesAndOverrides() {
    AuthConfig shipped = ConfigLoader.load(SHIPPED, Map.of()).auth();
    assertThat(shipped.tokenTtl()).isEqualTo(Duration.ofHours(9));
    assertThat(shipped.idleTimeout()).isEqualTo(Duration.ofMinutes(60));
    assertThat(shipped.loginAttemptsPerAccount()).isEqualTo(10);
    assertThat(shipped.loginAttemptsPerIp()).isEqualTo(50);
    assertThat(shipped.loginWindow()).isEqualTo(Duration.ofMinutes(15));
    AuthConfig overridden = ConfigLoader.load(SHIPPED, Map.of("CC_AUTH_IDLE_TIMEOUT", "20m",
        "CC_AUTH_LOGIN_ATTEMPTS_PER_IP", "200")).auth();
    assertThat(overridden.idleTimeout()).isEqualTo(Duration.ofMinutes(20));
    assertThat(overridden.loginAttemptsPerIp()).isEqualTo(200);
  }

  @Test
  void idleLongerThanTheLifetimeOrNonPositiveLimitsAreRefusedByKey() {
    assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("CC_AUTH_IDLE_TIMEOUT", "10h")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p.toString()).contains("auth.idle-timeout")));
    assertThatThrownBy(() -> ConfigLoader.load(SHIPPED, Map.of("CC_AUTH_LOGIN_ATTEMPTS_PER_ACCOUNT", "0",
        "CC_AUTH_LOCKOUT", "0s")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().toString())
            .contains("auth.login-attempts-per-account").contains("auth.lockout"));
  }
}
