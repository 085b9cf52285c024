/**
 * The Twilio adapter: SMS through the Twilio Java SDK (blocking calls on a worker pool), the HTTP client that points
 * the SDK at another base URL (a local mock), and webhook signature checks. The only package importing com.twilio.
 */
package org.gridcare.notifications.twilio;
