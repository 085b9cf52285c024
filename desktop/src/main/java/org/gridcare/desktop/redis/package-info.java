/** Redis adapter of the desktop's port for call-control state that outlives a restart. */
package org.gridcare.desktop.redis;
