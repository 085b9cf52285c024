/** Writes IVR events to the platform journal ({@code ivr.started}, {@code ivr.step}, {@code ivr.completed}). */
package org.gridcare.ivr.journal;
