/**
 * The subset of Asterisk's extensions.conf the simulator interprets: contexts, extensions with priorities and labels,
 * globals, {@code ${...}} substitution and {@code $[...]} expressions. Pure Java, no I/O beyond reading the file.
 */
package org.gridcare.pbxsim.dialplan;
