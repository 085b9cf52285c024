package org.gridcare.crm.webhook;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gridcare.crm.app.CrmEvent;
import org.gridcare.crm.app.CrmEvents;
import org.gridcare.platform.domain.DomainException;

/**
 * POSTs each event as JSON to the utility's CRM. Headers: {@code Idempotency-Key} (the same on every retry: the
 * receiver drops repeats), {@code X-Gridcare-Event}, {@code X-Gridcare-Timestamp} (epoch seconds) and
 * {@code X-Gridcare-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body">}, so the receiver can check origin and
 * freshness. Only a 2xx counts as delivered.
 */
public final class WebhookCrmEvents implements CrmEvents {
  public static final String SIGNATURE = "X-Gridcare-Signature";
  public static final String TIMESTAMP = "X-Gridcare-Timestamp";
  public static final String EVENT = "X-Gridcare-Event";
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final WebClient client;
  private final String url;
  private final byte[] secret;
  private final Duration timeout;
  private final Clock clock;

  public WebhookCrmEvents(WebClient client, String url, byte[] secret, Duration timeout, Clock clock) {
    this.client = client;
    this.url = url;
    this.secret = secret.clone();
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public Future<Void> deliver(CrmEvent event) {
    Buffer body = Buffer.buffer(event.toJson().encode());
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    return client.postAbs(url)
        .timeout(timeout.toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader(IDEMPOTENCY_KEY, event.idempotencyKey().toString())
        .putHeader(EVENT, event.type())
        .putHeader(TIMESTAMP, timestamp)
        .putHeader(SIGNATURE, "sha256=" + sign(secret, timestamp, body.toString(StandardCharsets.UTF_8)))
        .sendBuffer(body)
        .compose(resp -> resp.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
            : Future.failedFuture(DomainException.unavailable("crm-webhook-rejected",
                "The external CRM answered " + resp.statusCode(), null)));
  }

  /** Hex HMAC-SHA256 of {@code timestamp + "." + body}; receivers compute the same to verify. */
  public static String sign(byte[] secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
