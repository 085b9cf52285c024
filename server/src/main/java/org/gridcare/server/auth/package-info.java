/**
 * Users, roles, password hashing, sessions (bearer tokens in Redis) and the HTTP handlers that enforce them.
 * Depends on platform, storage (PostgreSQL pool, Redis connection) and Vert.x Web.
 */
package org.gridcare.server.auth;
