/**
 * The PBX as the contact centre sees it: calls, channels, their events and the commands' values. Pure: no Asterisk
 * types, no I/O; channel and call ids are opaque strings the adapter keeps stable.
 */
package org.gridcare.pbx.domain;
