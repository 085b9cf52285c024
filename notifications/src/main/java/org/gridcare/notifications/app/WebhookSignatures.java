package org.gridcare.notifications.app;

import java.util.Map;

/** Checks that a webhook request came from the SMS provider (Twilio: {@code X-Twilio-Signature}). */
@FunctionalInterface
public interface WebhookSignatures {
  /**
   * @param url        the full URL the provider called, as configured there (scheme, host, path and query)
   * @param parameters the form parameters of the POST
   */
  boolean valid(String url, Map<String, String> parameters, String signature);
}
