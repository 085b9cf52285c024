/**
 * Benchmarks of issue 4: the routing policy in a seeded discrete-event simulation against Erlang C, and routing
 * throughput on the real Redis. Run by {@code ./contact-centre bench}; not used by the running server.
 */
package org.gridcare.acd.bench;
