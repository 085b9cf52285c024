/**
 * The configuration record tree, loaded once from YAML with environment overrides and validated with errors that
 * name the file, the key path and the problem. Depends on platform and Jackson only.
 */
package org.gridcare.config;
