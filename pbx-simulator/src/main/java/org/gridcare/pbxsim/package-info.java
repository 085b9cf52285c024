/**
 * A PBX simulator that speaks Asterisk 22's AMI (server) and FastAGI (client) on real TCP sockets and interprets
 * config/asterisk/extensions.conf, with simulated callers ({@link org.gridcare.pbxsim.SimCall}) and softphones
 * ({@link org.gridcare.pbxsim.SimPhone}) driven through {@link org.gridcare.pbxsim.PbxSimulator}. Used by tests and
 * the demo in place of a real Asterisk; depends on platform and vertx-core only.
 */
package org.gridcare.pbxsim;
