/** HTTP handlers of {@code openapi/recordings.yaml}: search, streaming with Range, export, links, hold, retention. */
package org.gridcare.recordings.http;
