/** Log output: readable text or JSON lines, both masking phone numbers and national IDs. Depends on logback. */
package org.gridcare.server.logging;
