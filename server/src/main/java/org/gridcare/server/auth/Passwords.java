package org.gridcare.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** bcrypt (cost 12) for stored passwords. Slow on purpose: call from a worker thread. */
public final class Passwords {
  private static final int COST = 12;
  /** Compared against when the user does not exist, so timing does not reveal valid usernames. */
  private static final String DUMMY = BCrypt.withDefaults().hashToString(COST, "not-a-password".toCharArray());

  private Passwords() {}

  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public static boolean verify(String password, String hash) {
    return BCrypt.verifyer().verify(password.toCharArray(), hash == null ? DUMMY : hash).verified && hash != null;
  }
}
