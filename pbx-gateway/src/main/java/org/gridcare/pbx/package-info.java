/**
 * The PBX ports: {@link org.gridcare.pbx.Pbx} (call control and events) and {@link org.gridcare.pbx.CallSession}
 * (one caller inside an IVR script). Depends on the pbx domain, platform and Vert.x Future only.
 */
package org.gridcare.pbx;
