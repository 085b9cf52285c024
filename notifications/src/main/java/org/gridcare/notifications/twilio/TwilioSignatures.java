package org.gridcare.notifications.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;
import org.gridcare.notifications.app.WebhookSignatures;

/** {@code X-Twilio-Signature} checked with the SDK's validator (HMAC-SHA1 of URL + sorted parameters, auth token). */
public final class TwilioSignatures implements WebhookSignatures {
  private final RequestValidator validator;

  public TwilioSignatures(String authToken) {
    this.validator = new RequestValidator(authToken);
  }

  @Override
  public boolean valid(String url, Map<String, String> parameters, String signature) {
    return signature != null && validator.validate(url, parameters, signature);
  }
}
