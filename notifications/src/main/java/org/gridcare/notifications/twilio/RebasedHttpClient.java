package org.gridcare.notifications.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends the SDK's requests to {@code baseUrl} instead of {@code https://<product>.twilio.com} (the SDK's builder has no
 * base-URL option), one attempt each: the SDK's loop retries 5xx with a fixed sleep and Apache HttpClient retries
 * 429/503 on its own (even a POST), both on our worker thread; the outbox retries instead, with backoff and
 * without holding a thread.
 */
public final class RebasedHttpClient extends HttpClient {
  private static final Pattern TWILIO_HOST = Pattern.compile("^https://[a-z0-9.-]+\\.twilio\\.com");
  public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final String baseUrl;
  private final NetworkHttpClient delegate;

  /**
   * @param baseUrl     e.g. {@code http://127.0.0.1:4010}; null or blank keeps Twilio's own hosts
   * @param connections connections kept to the provider: the number of senders that may wait on it at once
   * @param timeout     for connecting and for the answer
   */
  public RebasedHttpClient(String baseUrl, int connections, java.time.Duration timeout) {
    Timeout t = Timeout.ofMilliseconds(timeout.toMillis());
    this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
    this.delegate = new NetworkHttpClient(HttpClientBuilder.create()
        .disableAutomaticRetries()
        .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(t)
            .setConnectTimeout(t).setResponseTimeout(t).build())
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(connections).setMaxConnTotal(connections)
            .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(t).build()).build()));
  }

  @Override
  public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    return delegate.makeRequest(baseUrl == null ? request : rebase(request));
  }

  private Request rebase(Request original) {
    Request copy = new Request(original.getMethod(), TWILIO_HOST.matcher(original.getUrl()).replaceFirst(baseUrl));
    if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    }
    original.getQueryParams().forEach((k, vs) -> vs.forEach(v -> copy.addQueryParam(k, v)));
    original.getPostParams().forEach((k, vs) -> vs.forEach(v -> copy.addPostParam(k, v)));
    original.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> copy.addHeaderParam(k, v)));
    if (original.getContentType() != null) {
      copy.setContentType(original.getContentType());
    }
    if (original.getBody() != null) {
      copy.setBody(original.getBody());
    }
    copy.setUserAgentExtensions(original.getUserAgentExtensions());
    return copy;
  }
}
