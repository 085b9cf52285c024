package org.gridcare.notifications.domain;

/** Planned maintenance (known window, notified ahead) or an unplanned fault (reported by a supervisor or OMS/SCADA). */
public enum OutageKind { PLANNED, UNPLANNED }
