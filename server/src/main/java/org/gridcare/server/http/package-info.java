/**
 * The HTTP edge: the merged OpenAPI contract, request validation, authentication and role checks, the one error
 * mapper, health and metrics. Module routes are mounted onto the contract's RouterBuilder by operationId.
 */
package org.gridcare.server.http;
