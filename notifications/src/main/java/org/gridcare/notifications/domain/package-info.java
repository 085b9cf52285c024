/**
 * Outage informing as pure values and rules: outages and their life cycle, the affected area, targeting, message
 * templates, delivery states, provider error classification, retry and pacing policies. Depends on java.* and the
 * platform domain only.
 */
package org.gridcare.notifications.domain;
