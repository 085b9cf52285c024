package org.gridcare.notifications.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.base.ResourceSet;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.gridcare.notifications.app.SmsGateway;
import org.gridcare.notifications.domain.ProviderError;

/**
 * SMS through the Twilio SDK. Its calls block, so they run on a dedicated worker pool whose size bounds how many
 * requests are in flight; a Messaging Service SID is preferred over a From number when both are configured.
 */
public final class TwilioSms implements SmsGateway, AutoCloseable {
  private static final long LOOKUP_LIMIT = 200;
  private final TwilioRestClient client;
  private final String messagingServiceSid;
  private final String from;
  private final WorkerExecutor workers;

  public TwilioSms(Vertx vertx, TwilioRestClient client, String messagingServiceSid, String from, int concurrency) {
    if (messagingServiceSid == null && from == null) {
      throw new IllegalArgumentException("Twilio needs a messaging service SID or a From number");
    }
    this.client = client;
    this.messagingServiceSid = messagingServiceSid;
    this.from = from;
    this.workers = vertx.createSharedWorkerExecutor("notify-twilio", concurrency);
  }

  /** A REST client for {@code accountSid} whose requests go to {@code baseUrl} (null: Twilio itself). */
  public static TwilioRestClient client(String accountSid, String authToken, String baseUrl, int connections) {
    return client(accountSid, authToken, baseUrl, connections, RebasedHttpClient.DEFAULT_TIMEOUT);
  }

  public static TwilioRestClient client(String accountSid, String authToken, String baseUrl, int connections,
      java.time.Duration timeout) {
    return new TwilioRestClient.Builder(accountSid, authToken)
        .httpClient(new RebasedHttpClient(baseUrl, connections, timeout)).build();
  }

  @Override
  public Future<Result> send(String to, String body, String statusCallback) {
    return workers.executeBlocking(() -> {
      MessageCreator creator = messagingServiceSid != null
          ? Message.creator(new PhoneNumber(to), messagingServiceSid, body)
          : Message.creator(new PhoneNumber(to), new PhoneNumber(from), body);
      if (statusCallback != null) {
        creator.setStatusCallback(statusCallback);
      }
      try {
        return new Result.Accepted(creator.create(client).getSid());
      } catch (ApiException e) {
        if (e.getCause() instanceof java.io.IOException) { // NetworkHttpClient wraps I/O failures this way
          return new Result.Refused(neverSent(e) ? ProviderError.transport(e.getMessage())
              : ProviderError.unanswered(e.getMessage()));
        }
        Integer status = e.getStatusCode() != null ? e.getStatusCode() : e.getHttpStatusCode();
        status = status == null ? 0 : status;
        return new Result.Refused(new ProviderError(status, e.getCode(), e.getMessage()));
      } catch (ApiConnectionException e) {
        return new Result.Refused(neverSent(e) ? ProviderError.transport(e.getMessage())
            : ProviderError.unanswered(e.getMessage()));
      }
    }, false);
  }

  /** Connection refused, unknown host, no pooled connection: the request never left. Anything else may have. */
  private static boolean neverSent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof org.apache.hc.client5.http.ConnectTimeoutException
          || t instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Future<Optional<String>> findSent(String to, String body, Instant since) {
    return workers.executeBlocking(() -> {
      ResourceSet<Message> messages = Message.reader().setTo(new PhoneNumber(to))
          .setDateSentAfter(since.atZone(ZoneOffset.UTC)).setPageSize(50L).read(client);
      // A bound on paging: one number gets a handful of messages in minutes, and a mock serving the spec's example
      // links every page to a next one.
      messages.setLimit(LOOKUP_LIMIT);
      for (Message m : messages) {
        if (body.equals(m.getBody())) {
          return Optional.of(m.getSid());
        }
      }
      return Optional.<String>empty();
    }, false);
  }

  @Override
  public void close() {
    workers.close();
  }
}
