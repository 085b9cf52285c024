package org.gridcare.storage;

/** Whether one dependency answers, and if not, why (shown by {@code /health/ready}). */
public record ComponentHealth(boolean up, String detail) {
  public static ComponentHealth ok(String detail) {
    return new ComponentHealth(true, detail);
  }

  public static ComponentHealth down(String detail) {
    return new ComponentHealth(false, detail);
  }
}
