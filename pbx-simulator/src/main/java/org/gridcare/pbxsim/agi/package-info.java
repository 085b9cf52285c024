/**
 * The FastAGI client side of Asterisk: connects to {@code agi://host:port/script}, sends the agi_* environment and
 * answers AGI commands like Asterisk 22 (captured in shared/asterisk-captures), including 510/511/520 and the
 * HANGUP notification. Depends on the engine.
 */
package org.gridcare.pbxsim.agi;
