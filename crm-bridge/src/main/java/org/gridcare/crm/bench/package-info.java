/** Benchmarks behind {@code ./contact-centre bench screenpop} and {@code bench import} (the server's CLI prints the JSON line). */
package org.gridcare.crm.bench;
