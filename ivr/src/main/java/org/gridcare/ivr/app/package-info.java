/**
 * The IVR use cases: the engine running a menu over a {@link org.gridcare.pbx.CallSession}, one step class per node
 * kind, the utility actions, prompts, and the ports the server wires to the CRM, outages, meter readings and the ACD.
 * Depends on the ivr domain, the pbx ports, platform, config and Vert.x Futures.
 */
package org.gridcare.ivr.app;
