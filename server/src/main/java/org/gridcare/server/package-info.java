/**
 * The composition root: builds every module from the configuration with constructor wiring (no DI container),
 * starts them in dependency order and stops them in reverse. Depends on every module.
 */
package org.gridcare.server;
