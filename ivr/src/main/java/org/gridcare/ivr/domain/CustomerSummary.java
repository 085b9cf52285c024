package org.gridcare.ivr.domain;

/** What the IVR needs to know about an identified customer; {@code areaId} is null when the address has no grid area. */
public record CustomerSummary(String id, String customerNumber, String displayName, String areaId) {}
