/**
 * The SMS benchmark behind {@code ./contact-centre bench sms}: target selection and enqueueing for a synthetic
 * outage, then sending through the Twilio SDK to a local mock at the configured rate.
 */
package org.gridcare.notifications.bench;
