/**
 * Operators and their states, waiting calls, the routing decision, overflow and wait estimates of the ACD.
 * Pure: java.* and the platform domain only; no I/O, no futures, time passed in.
 */
package org.gridcare.acd.domain;
