/** The IVR module: {@link org.gridcare.ivr.IvrModule} wires the menu engine, prompts and TTS for the server. */
package org.gridcare.ivr;
