package org.gridcare.ivr.app;

/** Whether a support line takes calls now (its configured hours and holidays). */
@FunctionalInterface
public interface OpeningHours {
  boolean isOpen(int line);
}
