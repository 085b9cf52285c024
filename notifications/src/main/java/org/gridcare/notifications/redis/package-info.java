/** Redis adapters (Lettuce): the provider send-rate token bucket shared by all server instances. */
package org.gridcare.notifications.redis;
