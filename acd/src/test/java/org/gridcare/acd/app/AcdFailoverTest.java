package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.pg.PgCallbacks;
import org.gridcare.acd.redis.RedisAcdState;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two server instances on one Redis: when one dies, the other carries on with its calls. */
@RealServers
class AcdFailoverTest extends AcdHarness {
  private FakePbx otherPbx;
  private Acd other;

  @BeforeEach
  void secondInstance(Vertx vertx, StorageSettings settings) {
    otherPbx = new FakePbx(vertx);
    AcdSettings acdSettings = AcdSettings.from(CONFIG);
    other = new Acd(vertx, acdSettings, new RedisAcdState(vertx, storage.redis()), otherPbx, journal, history,
        new PgCallbacks(storage.pool()), new AcdMetrics(new SimpleMeterRegistry(), acdSettings.serviceLevels()), clock);
    other.start();
  }

  @AfterEach
  void stopSecond() throws Exception {
    other.stop().await(5, TimeUnit.SECONDS);
  }

  @Test
  void callsQueuedOnADeadInstanceAreServedByAnother() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    await(acd.stop());

    await(other.login("op2001", null));
    await(other.ready("op2001"));
    FakePbx.Ring ring = otherPbx.nextRing();
    assertThat(ring.endpoint()).isEqualTo("PJSIP/op2001");
    ring.answer();
    assertThat(otherPbx.next("bridge").args().get(0)).isEqualTo("m1-chan");
    assertThat(pbx.rang()).isFalse();
  }

  @Test
  void anOfferLeftRingingByADeadInstanceIsTakenOver() throws Exception {
    ready("op1001");
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "outage")));
    pbx.nextRing(); // the instance dies while the softphone rings
    await(acd.stop());

    clock.advance(CONFIG.acd().ringNoAnswer().multipliedBy(2).plus(Duration.ofSeconds(11)));
    await(other.recoverStaleOffers());
    FakePbx.Ring ring = otherPbx.nextRing();
    assertThat(ring.endpoint()).isEqualTo("PJSIP/op1001");
    ring.answer();
    journal.await("acd.call.answered", "call-1");
  }

  @Test
  void aHangUpSeenByEitherInstanceIsHandledOnce() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    // both instances hear the PBX; each takes the caller's leg at most once
    await(acd.enqueue(QueueRequest.of("m2", "m2-chan", "metering")));
    pbx.hangUpFromFarEnd("m1-chan");
    otherPbx.hangUpFromFarEnd("m1-chan");
    // events reach each instance in order: once m2's abandon is written, both m1 hang-ups were taken
    otherPbx.hangUpFromFarEnd("m2-chan");
    journal.await("acd.call.abandoned", "m1");
    journal.await("acd.call.abandoned", "m2");
    assertThat(journal.written().stream().filter(e -> e.type().equals("acd.call.abandoned") && "m1".equals(e.callId()))
        .count()).isEqualTo(1);
    assertThat(await(other.waiting())).isEmpty();
  }
}
