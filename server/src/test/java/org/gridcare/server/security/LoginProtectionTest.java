package org.gridcare.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.RedisLoginThrottle;
import org.gridcare.server.auth.RedisSessions;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Login rate limits (per account, per client address, shared through Redis), lockout with an audited unlock, and
 * session expiry (idle and absolute) against the real server, PostgreSQL and Redis.
 */
@RealServers
class LoginProtectionTest {
  static TestCentre centre;
  static Client client;

  @BeforeAll
  static void start(StorageSettings storage) throws Exception {
    centre = TestCentre.start(storage, Map.of("CC_AUTH_MAX_FAILED_LOGINS", "3",
        "CC_AUTH_LOGIN_ATTEMPTS_PER_ACCOUNT", "6", "CC_AUTH_LOGIN_ATTEMPTS_PER_IP", "1000",
        "CC_AUTH_IDLE_TIMEOUT", "20m", "CC_AUTH_TOKEN_TTL", "8h"));
    var auth = centre.cc().authentication();
    for (String name : List.of("lia", "rob", "eve", "ian", "abe")) {
      await(auth.addUser("test", new Identity(name, Set.of(Role.AGENT), List.of(1)), name + "-password-1"));
    }
    await(auth.addUser("test", new Identity("ada", Set.of(Role.ADMIN), List.of(1)), "admin-password-1"));
    client = new Client(centre.cc().vertx(), centre.cc().httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    centre.close();
  }

  @Test
  void lockoutAfterFailuresIsAuditedAndAnAdminUnlocksIt() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(login("lia", "wrong-" + i).status()).isEqualTo(401);
    }
    Client.Answer locked = login("lia", "lia-password-1");
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.error()).isEqualTo("account-locked");

    String admin = client.login("ada", "admin-password-1");
    assertThat(client.send("POST", "/api/users/lia/unlock", null, client.login("abe", "abe-password-1"), null).status())
        .as("agents cannot unlock").isEqualTo(403);
    assertThat(client.send("POST", "/api/users/lia/unlock", null, admin, null).status()).isEqualTo(204);
    assertThat(client.send("POST", "/api/users/nobody/unlock", null, admin, null).status()).isEqualTo(404);
    assertThat(login("lia", "lia-password-1").status()).isEqualTo(200);

    var audited = await(centre.cc().storage().pool().query(
        "SELECT actor, action, details->>'failures' AS failures FROM audit WHERE subject_id = 'lia' ORDER BY id").execute());
    assertThat(audited).extracting(r -> r.getString("actor") + " " + r.getString("action") + " " + r.getString("failures"))
        .containsExactly("test user.added null", "login-protection user.locked 3", "ada user.unlocked null");
  }

  @Test
  void attemptsPerAccountAreLimitedWithinTheWindowEvenWithTheRightPassword() throws Exception {
    for (int i = 0; i < 6; i++) {
      assertThat(login("rob", "rob-password-1").status()).isEqualTo(200);
    }
    Client.Answer refused = login("rob", "rob-password-1");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.error()).isEqualTo(RedisLoginThrottle.TOO_MANY);
    assertThat(new JsonObject(refused.body()).getJsonObject("details").getLong("retryAfterSeconds"))
        .isBetween(1L, 15 * 60L);
    assertThat(login("eve", "eve-password-1").status()).as("other accounts are not affected").isEqualTo(200);
  }

  @Test
  void failuresPerAddressAreLimitedAcrossServerInstancesThroughRedis() throws Exception {
    var vertx = centre.cc().vertx();
    var redis = centre.cc().storage().redis();
    RedisLoginThrottle one = new RedisLoginThrottle(vertx, redis, 100, 3, Duration.ofMinutes(5));
    RedisLoginThrottle other = new RedisLoginThrottle(vertx, redis, 100, 3, Duration.ofMinutes(5));
    await(one.admit("a", "198.51.100.7"));
    await(one.failed("198.51.100.7"));
    await(other.failed("198.51.100.7"));
    await(one.failed("198.51.100.7"));
    Throwable refused = await(other.admit("b", "198.51.100.7").map(v -> (Throwable) null).recover(Future::succeededFuture));
    assertThat(refused).isInstanceOf(DomainException.class);
    assertThat(((DomainException) refused).id()).isEqualTo(RedisLoginThrottle.TOO_MANY);
    assertThat(await(other.admit("b", "198.51.100.8").map("admitted"))).as("another address").isEqualTo("admitted");
  }

  @Test
  void sessionsExpireWhenIdleAndAfterTheirAbsoluteLifetime() throws Exception {
    var vertx = centre.cc().vertx();
    var redis = centre.cc().storage().redis();
    Identity ian = new Identity("ian", Set.of(Role.AGENT), List.of(1));
    MutableClock clock = new MutableClock(Instant.now());
    RedisSessions sessions = new RedisSessions(vertx, redis, Duration.ofHours(8), Duration.ofMinutes(20), clock);

    String idle = await(sessions.open(ian)).token();
    clock.advance(Duration.ofMinutes(19));
    assertThat(await(sessions.find(idle))).as("used within the idle timeout").isPresent();
    clock.advance(Duration.ofMinutes(19));
    assertThat(await(sessions.find(idle))).as("the use renewed it").isPresent();
    clock.advance(Duration.ofMinutes(21));
    assertThat(await(sessions.find(idle))).as("idle too long").isEqualTo(Optional.empty());

    MutableClock clock2 = new MutableClock(Instant.now());
    RedisSessions kept = new RedisSessions(vertx, redis, Duration.ofHours(8), Duration.ofMinutes(20), clock2);
    String busy = await(kept.open(ian)).token();
    for (int i = 0; i < 8 * 4; i++) {
      clock2.advance(Duration.ofMinutes(15));
      boolean alive = await(kept.find(busy)).isPresent();
      assertThat(alive).as("after %d min", (i + 1) * 15).isEqualTo((i + 1) * 15 < 8 * 60);
    }
    Long ttl = redis.sync().pttl("auth:session:" + await(kept.open(ian)).token());
    assertThat(ttl).as("Redis drops the key at the idle deadline").isBetween(19 * 60_000L, 20 * 60_000L);
  }

  @Test
  void theServerAnswers401ForAnExpiredToken() throws Exception {
    String live = client.login("abe", "abe-password-1");
    assertThat(client.send("GET", "/api/auth/me", null, live, null).status()).isEqualTo(200);
    // A session opened 9 h ago by an instance with the same settings (8 h absolute): still in Redis, but over.
    MutableClock past = new MutableClock(Instant.now().minus(Duration.ofHours(9)));
    RedisSessions earlier = new RedisSessions(centre.cc().vertx(), centre.cc().storage().redis(), Duration.ofHours(24),
        Duration.ofHours(24), past);
    String old = await(earlier.open(new Identity("abe", Set.of(Role.AGENT), List.of(1)))).token();
    Client.Answer expired = client.send("GET", "/api/auth/me", null, old, null);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.error()).isEqualTo("unauthenticated");
    assertThat(centre.cc().storage().redis().sync().exists("auth:session:" + old)).as("removed on sight").isZero();
  }

  private static Client.Answer login(String user, String password) throws Exception {
    return client.send("POST", "/api/auth/login", new JsonObject().put("username", user).put("password", password)
        .encode(), null, null);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
