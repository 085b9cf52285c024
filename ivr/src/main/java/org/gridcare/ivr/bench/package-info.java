/**
 * The IVR benchmark behind {@code ./contact-centre bench ivr}: engine latency at many concurrent sessions over an
 * in-process PBX, and TTS render time cold and cached.
 */
package org.gridcare.ivr.bench;
