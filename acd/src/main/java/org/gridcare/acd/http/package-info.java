/** The ACD's HTTP operations (contract in {@code openapi/acd.yaml}); role checks beyond x-roles live here. */
package org.gridcare.acd.http;
