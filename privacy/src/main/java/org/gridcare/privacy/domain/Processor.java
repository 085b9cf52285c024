package org.gridcare.privacy.domain;

/** A processor (GDPR Art. 28) or recipient handling the data on the controller's behalf. */
public record Processor(String name, String role, String location, String safeguards) {}
