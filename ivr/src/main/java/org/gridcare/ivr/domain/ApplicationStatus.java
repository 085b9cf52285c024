package org.gridcare.ivr.domain;

/**
 * Where a grid-connection application stands: the id of its stage and of the next one (null when none is left), as
 * the CRM names them; the menu words them per language ({@code phrases.<language>.stage.<id>}).
 */
public record ApplicationStatus(String applicationNumber, String stage, String nextStep) {}
