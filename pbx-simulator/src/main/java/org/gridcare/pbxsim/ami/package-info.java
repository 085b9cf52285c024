/**
 * The Asterisk Manager Interface server side: framing ({@link org.gridcare.pbxsim.ami.AmiFrame}), one session per
 * TCP connection (login, actions, event stream) and the actions mapped onto the simulated PBX. Depends on the engine.
 */
package org.gridcare.pbxsim.ami;
