/** The built-in text-to-speech engine: FreeTTS (English voice {@code kevin}, 8 kHz). Only this package imports FreeTTS. */
package org.gridcare.ivr.freetts;
