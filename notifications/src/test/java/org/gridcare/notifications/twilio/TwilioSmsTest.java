package org.gridcare.notifications.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gridcare.notifications.app.SmsGateway;
import org.gridcare.notifications.domain.ProviderError;
import org.gridcare.notifications.testing.PrismServer;
import org.gridcare.notifications.testing.TwilioStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Twilio SDK against Prism serving Twilio's published contract (through the fault stub). */
class TwilioSmsTest {
  static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);
  static PrismServer prism;
  static Vertx vertx;
  static TwilioStub stub;

  @BeforeAll
  static void start() throws Exception {
    prism = PrismServer.start();
    vertx = Vertx.vertx();
    stub = TwilioStub.start(vertx, prism.port()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (prism != null) {
      prism.close();
    }
  }

  static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  TwilioSms sms(String base, String service, String from) {
    return new TwilioSms(vertx, TwilioSms.client(ACCOUNT, "token", base, 4), service, from, 4);
  }

  @Test
  void sdkRequestsPassTwilioContractWithServiceSidOrFromNumber() throws Exception {
    SmsGateway.Result viaService = await(sms(stub.baseUrl(), "MG" + "0".repeat(32), null)
        .send("+4791234567", "Power is back", "http://127.0.0.1:8080/api/notifications/twilio/status?d=1"));
    SmsGateway.Result viaFrom = await(sms(stub.baseUrl(), null, "+4790000000").send("+4791234568", "Hello", null));

    assertThat(viaService).isInstanceOf(SmsGateway.Result.Accepted.class);
    assertThat(((SmsGateway.Result.Accepted) viaService).sid()).startsWith("SM");
    assertThat(viaFrom).isInstanceOf(SmsGateway.Result.Accepted.class);
    assertThat(stub.rejectedByContract()).isZero();
    assertThat(stub.sent()).extracting(TwilioStub.Sent::to).contains("+4791234567", "+4791234568");
  }

  @Test
  void directlyAgainstPrismTheSdkParsesTheContractsExample() throws Exception {
    SmsGateway.Result r = await(sms(prism.baseUrl(), null, "+4790000000").send("+4791234500", "Hi", null));
    assertThat(r).isInstanceOf(SmsGateway.Result.Accepted.class);
  }

  @Test
  void lookupAgainstThePlainSpecExampleEndsAndFindsNothing() throws Exception {
    // Prism's static example links each page of the message list to a next page, forever.
    TwilioSms sms = sms(prism.baseUrl(), null, "+4790000000");
    assertThat(await(sms.findSent("+4791234500", "Hi", Instant.now().minusSeconds(60)))).isEmpty();
  }

  @Test
  void refusalsCarryStatusAndTwilioCode() throws Exception {
    TwilioSms sms = sms(stub.baseUrl(), null, "+4790000000");
    stub.failFor("+4791230000", 400, ProviderError.UNSUBSCRIBED);
    stub.failNext(1, 429, 20429);
    SmsGateway.Result throttled = await(sms.send("+4791231111", "x", null));
    SmsGateway.Result unsubscribed = await(sms.send("+4791230000", "x", null));

    assertThat(throttled).isEqualTo(new SmsGateway.Result.Refused(new ProviderError(429, 20429, "stub fault")));
    assertThat(((SmsGateway.Result.Refused) unsubscribed).error().verdict()).isEqualTo(ProviderError.Verdict.OPTED_OUT);
  }

  @Test
  void transportFailureIsRetryable() throws Exception {
    SmsGateway.Result r = await(sms("http://127.0.0.1:1", null, "+4790000000").send("+4791234567", "x", null));
    assertThat(((SmsGateway.Result.Refused) r).error().verdict()).isEqualTo(ProviderError.Verdict.RETRY);
  }

  @Test
  void aLostAnswerIsInDoubtNotRetryable() throws Exception {
    TwilioSms sms = new TwilioSms(vertx, TwilioSms.client(ACCOUNT, "token", stub.baseUrl(), 2,
        java.time.Duration.ofMillis(500)), null, "+4790000000", 2);
    stub.loseAnswerNext(1);
    SmsGateway.Result r = await(sms.send("+4791237777", "x", null));
    assertThat(((SmsGateway.Result.Refused) r).error().verdict()).isEqualTo(ProviderError.Verdict.IN_DOUBT);
    assertThat(stub.sent()).extracting(TwilioStub.Sent::to).contains("+4791237777");
  }

  @Test
  void findsAMessageThatWentOutAndNotOneThatDidNot() throws Exception {
    TwilioSms sms = sms(stub.baseUrl(), null, "+4790000000");
    Instant since = Instant.now().minusSeconds(5);
    SmsGateway.Result.Accepted a = (SmsGateway.Result.Accepted) await(sms.send("+4791239999", "Outage notice 1", null));

    assertThat(await(sms.findSent("+4791239999", "Outage notice 1", since))).isEqualTo(Optional.of(a.sid()));
    assertThat(await(sms.findSent("+4791239999", "Another text", since))).isEmpty();
    assertThat(await(sms.findSent("+4791238888", "Outage notice 1", since))).isEmpty();
    assertThat(stub.rejectedByContract()).isZero();
  }
}
