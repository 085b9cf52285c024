/** Benchmarks behind {@code ./contact-centre bench recordings} (the server's CLI prints the JSON line). */
package org.gridcare.recordings.bench;
