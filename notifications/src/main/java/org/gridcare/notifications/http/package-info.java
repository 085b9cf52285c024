/** HTTP adapter: the notifications API operations of {@code openapi/notifications.yaml} and the Twilio webhooks. */
package org.gridcare.notifications.http;
