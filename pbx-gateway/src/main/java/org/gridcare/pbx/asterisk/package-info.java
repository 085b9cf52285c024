/**
 * The Asterisk adapter: the {@link org.gridcare.pbx.Pbx} port over AMI and the {@link org.gridcare.pbx.CallSession}
 * port over FastAGI, both through Asterisk-Java. The only package that may import {@code org.asteriskjava}.
 */
package org.gridcare.pbx.asterisk;
