/**
 * Adapters between modules: each module declares the ports it needs in its own words (the IVR's
 * {@code CustomerLookup}, the notifications' {@code Recipients}, the CRM's {@code OutageLookup}); the server
 * implements them over the other modules' services, so no module depends on another.
 */
package org.gridcare.server.wiring;
