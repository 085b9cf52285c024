/**
 * The operator desktop's backend (module wiring in {@link org.gridcare.desktop.DesktopModule}): screen pops, call
 * control over the PBX port, call scripts, call history and the knowledge base. Depends on platform, config, storage
 * and the pbx-gateway port; the ACD and the CRM only through the ports of {@code app}.
 */
package org.gridcare.desktop;
