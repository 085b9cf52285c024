package org.gridcare.crm.domain;

/** One search hit: enough to pick the right customer, with how well the name matched (1.0 exact). */
public record CustomerMatch(long id, String number, CustomerKind kind, String name, String identityMasked,
    String city, double score) {}
