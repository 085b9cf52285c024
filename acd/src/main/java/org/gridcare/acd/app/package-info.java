/**
 * ACD use cases over ports (live state, PBX, journal, operator-state history, callbacks), returning Vert.x futures.
 * Depends on the domain, platform, config and the pbx-gateway port; never on an adapter.
 */
package org.gridcare.acd.app;
