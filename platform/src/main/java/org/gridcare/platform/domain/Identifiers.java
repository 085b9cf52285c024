package org.gridcare.platform.domain;

/**
 * Check-digit validation of the identifiers a Norwegian utility meets (seed 001): the 11-digit national ID
 * (fødselsnummer / D-number, two mod-11 check digits), the 9-digit organisation number (mod-11) and the 18-digit
 * GSRN of a metering point (GS1 mod-10). Validate strictly; names are matched tolerantly elsewhere.
 */
public final class Identifiers {
  private static final int[] NID_K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
  private static final int[] NID_K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
  private static final int[] ORG_W = {3, 2, 7, 6, 5, 4, 3, 2};

  private Identifiers() {}

  public static boolean isNationalId(String s) {
    if (!digits(s, 11)) {
      return false;
    }
    int k1 = mod11(s, NID_K1);
    int k2 = mod11(s, NID_K2);
    return k1 == s.charAt(9) - '0' && k2 == s.charAt(10) - '0';
  }

  public static boolean isOrganisationNumber(String s) {
    return digits(s, 9) && mod11(s, ORG_W) == s.charAt(8) - '0';
  }

  /** GS1 mod-10 over an 18-digit GSRN: weights 3,1,3,1... from the left, check digit last. */
  public static boolean isGsrn(String s) {
    return digits(s, 18) && gs1CheckDigit(s.substring(0, 17)) == s.charAt(17) - '0';
  }

  /** Check digit for the first 17 digits of a GSRN (used by data generators and by the IVR to say which digit is wrong). */
  public static int gs1CheckDigit(String first17) {
    int sum = 0;
    for (int i = 0; i < first17.length(); i++) {
      int d = first17.charAt(i) - '0';
      sum += d * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10;
  }

  /** The mod-11 check digit for the leading digits under the given weights, or -1 when none exists (remainder 1). */
  public static int mod11CheckDigit(String leading, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += (leading.charAt(i) - '0') * weights[i];
    }
    int k = 11 - sum % 11;
    if (k == 11) {
      return 0;
    }
    return k == 10 ? -1 : k;
  }

  public static int[] nationalIdWeights1() {
    return NID_K1.clone();
  }

  public static int[] nationalIdWeights2() {
    return NID_K2.clone();
  }

  public static int[] organisationNumberWeights() {
    return ORG_W.clone();
  }

  private static int mod11(String s, int[] weights) {
    return mod11CheckDigit(s, weights);
  }

  private static boolean digits(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
