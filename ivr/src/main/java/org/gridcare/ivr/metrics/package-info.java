/** IVR metrics in Micrometer: sessions, time in IVR, requests closed per flow, drop-off per node, invalid input. */
package org.gridcare.ivr.metrics;
