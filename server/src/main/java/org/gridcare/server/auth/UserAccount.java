package org.gridcare.server.auth;

import java.time.Instant;

/** A stored user: identity, bcrypt hash and the lockout counters. */
public record UserAccount(Identity identity, String passwordHash, boolean disabled, int failedLogins, Instant lockedUntil) {}
