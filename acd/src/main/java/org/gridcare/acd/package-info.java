/**
 * Automatic call distribution: operators and their states, queues per line, routing, overflow, callbacks, with live
 * state in Redis. {@link org.gridcare.acd.AcdModule} wires it for the server.
 */
package org.gridcare.acd;
