/**
 * Use cases of outage informing over ports: outages and campaigns, the SMS outbox and its sender, delivery
 * callbacks, opt-outs, and the voice dialler. Depends on the domain, the PBX ports, platform and Vert.x Future.
 */
package org.gridcare.notifications.app;
