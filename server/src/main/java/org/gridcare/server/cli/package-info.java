/** The {@code ./contact-centre} command line (picocli): demo, run, migrate, users, simulate, bench, import. */
package org.gridcare.server.cli;
