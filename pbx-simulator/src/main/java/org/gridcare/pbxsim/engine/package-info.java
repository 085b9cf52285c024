/**
 * The simulated PBX: channels, the dialplan runner and its applications, bridges, ringing endpoints, MixMonitor
 * recordings. All state lives on one Vert.x context (the {@link org.gridcare.pbxsim.engine.Switchboard}'s); every
 * change is published as the AMI events Asterisk 22 emits. Depends on the dialplan package and AMI framing.
 */
package org.gridcare.pbxsim.engine;
