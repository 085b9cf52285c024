/**
 * Outage informing: the {@link org.gridcare.notifications.NotificationsModule} wiring of outages, SMS through Twilio,
 * voice auto-dialling and campaigns. Depends on platform, config, storage and the PBX ports.
 */
package org.gridcare.notifications;
