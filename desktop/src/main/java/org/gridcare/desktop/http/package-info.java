/** The desktop's HTTP handlers for {@code openapi/desktop.yaml}, and its SSE stream. */
package org.gridcare.desktop.http;
