package org.gridcare.crm.app;

/** One phone to notify about an outage: the customer agreed to it; {@code mobile} says whether SMS works. */
public record NotifiableContact(long customerId, String customerNumber, String e164, boolean mobile) {}
