/**
 * The desktop's use cases ({@link org.gridcare.desktop.app.Desk}) over its ports: the PBX, the ACD and the CRM as
 * this module sees them ({@link org.gridcare.desktop.app.AcdDesk}, {@link org.gridcare.desktop.app.CrmDesk}, wired by
 * the server), its call log, the journal's facts about a call and the knowledge base. Futures, never blocking.
 */
package org.gridcare.desktop.app;
