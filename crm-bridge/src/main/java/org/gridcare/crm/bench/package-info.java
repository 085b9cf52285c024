/** Benchmarks behind {@code ./contact-centre bench screenpop} (the server's CLI prints the JSON line). */
package org.gridcare.crm.bench;
