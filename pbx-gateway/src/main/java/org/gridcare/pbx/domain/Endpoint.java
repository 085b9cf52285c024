package org.gridcare.pbx.domain;

import java.util.Objects;

/**
 * Something the PBX can ring: an operator's or supervisor's softphone ({@code PJSIP/op1001}) or an external number
 * reached through the trunk (E.164).
 */
public record Endpoint(Kind kind, String address) {
  public enum Kind { DEVICE, EXTERNAL }

  public Endpoint {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
  }

  public static Endpoint device(String device) {
    return new Endpoint(Kind.DEVICE, device);
  }

  public static Endpoint external(String e164) {
    return new Endpoint(Kind.EXTERNAL, e164);
  }
}
